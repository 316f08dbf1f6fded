'use client';
// A client component: runs the flow in the browser, straight against the API (a CORS request).
import { useEffect, useState } from 'react';
import { bindPhoneFlow } from './genauth.js';

export function BindPhone({ appHost }) {
  const [result, setResult] = useState();
  useEffect(() => {
    bindPhoneFlow(appHost).then(setResult, (error) => setResult({ error: String(error) }));
  }, [appHost]);
  return result ? <pre id="result" data-done="">{JSON.stringify(result)}</pre> : <pre id="result">running…</pre>;
}
