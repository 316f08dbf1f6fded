// Binds a phone number with @genauth/client in the browser: sendSms, then bindPhone, then a documented
// failure caught by its class. The API host is read at build time from VITE_GENAUTH_APP_HOST.
import { AuthenticationClient, GenAuthBusinessError } from '@genauth/client';

const appHost = import.meta.env.VITE_GENAUTH_APP_HOST ?? 'http://127.0.0.1:4010';
const client = new AuthenticationClient({ appId: 'example-app-id', appHost, accessToken: 'example-access-token' });
const phone = { phoneNumber: '188xxxx8888', phoneCountryCode: '+86' };

async function bindPhoneFlow() {
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

const output = document.querySelector('#result');
bindPhoneFlow().then(
  (result) => (output.textContent = JSON.stringify(result)),
  (error) => (output.textContent = JSON.stringify({ error: String(error) })),
).finally(() => output.setAttribute('data-done', ''));
