// A Cloudflare Worker: each request runs the phone-binding flow with @genauth/client (sendSms, then
// bindPhone, then a documented failure caught by its class) and answers with the result as JSON.
import { AuthenticationClient, GenAuthBusinessError } from '@genauth/client';

export default {
  async fetch(request, env) {
    const client = new AuthenticationClient({ appId: 'example-app-id', appHost: env.GENAUTH_APP_HOST, accessToken: 'example-access-token' });
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
    return Response.json({ sendSms: sent.message, bindPhone: bound.message, failure });
  },
};
