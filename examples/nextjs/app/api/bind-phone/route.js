// A route handler: runs the flow on the server and answers with its result as JSON.
import { appHostFromEnv, bindPhoneFlow } from '../../genauth.js';

export const dynamic = 'force-dynamic';

export async function POST() {
  return Response.json(await bindPhoneFlow(appHostFromEnv()));
}
