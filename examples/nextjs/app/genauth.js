// The phone-binding flow, shared by the route handler (on the server) and the client component (in the
// browser): sendSms, then bindPhone, then a documented failure caught by its class.
import { AuthenticationClient, GenAuthBusinessError } from '@genauth/client';

export async function bindPhoneFlow(appHost) {
  const client = new AuthenticationClient({ appId: 'example-app-id', appHost, accessToken: 'example-access-token' });
  const phone = { phoneNumber: '188xxxx8888', phoneCountryCode: '+86' };
  const sent = await client.sendSms({ ...phone, channel: 'CHANNEL_BIND_PHONE' });
  const bound = await client.bindPhone({ ...phone, passCode: '123456' });
  let failure;
  try {
    // The mock answers with the spec's documented "invalidPassCode" example when asked to.
    await client.bindPhone({ ...phone, passCode: '000000' }, { headers: { Prefer: 'example=invalidPassCode' } });
  } catch (error) {
    if (!(error instanceof GenAuthBusinessError)) throw error;
    failure = { caught: 'GenAuthBusinessError', statusCode: error.statusCode, message: error.message };
  }
  return { sendSms: sent.message, bindPhone: bound.message, failure };
}

/** Read per request on the server, so one build runs against any API host. */
export function appHostFromEnv() {
  return process.env.GENAUTH_APP_HOST ?? 'http://127.0.0.1:4010';
}
