// Binds a phone number with @genauth/client from CommonJS: sendSms, then bindPhone, then a documented
// failure caught by its class. Usage: node main.cjs [appHost]   (default: the mock on http://127.0.0.1:4010)
const { AuthenticationClient, GenAuthBusinessError } = require('@genauth/client');

async function main() {
  const appHost = process.argv[2] ?? process.env.GENAUTH_APP_HOST ?? 'http://127.0.0.1:4010';
  const client = new AuthenticationClient({ appId: process.env.GENAUTH_APP_ID ?? 'example-app-id', appHost, accessToken: process.env.GENAUTH_ACCESS_TOKEN ?? 'example-access-token' });
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

  console.log(JSON.stringify({ sendSms: sent.message, bindPhone: bound.message, failure }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
