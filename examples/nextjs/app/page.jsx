// A server component: reads the API host at request time and hands it to the client component.
import { BindPhone } from './bind-phone.jsx';
import { appHostFromEnv } from './genauth.js';

export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Bind a phone number</h1>
      <BindPhone appHost={appHostFromEnv()} />
    </main>
  );
}
