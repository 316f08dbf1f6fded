// Binds a phone number with @genauth/client, type-checked under strict TypeScript: sendSms, then bindPhone,
// then a documented failure caught by its class. Usage: node dist/main.js [appHost]
import { AuthenticationClient, GenAuthBusinessError, type BindPhoneDto, type SendSmsDto } from '@genauth/client';

const appHost = process.argv[2] ?? process.env['GENAUTH_APP_HOST'] ?? 'http://127.0.0.1:4010';
const client = new AuthenticationClient({
  appId: process.env['GENAUTH_APP_ID'] ?? 'example-app-id',
  appHost,
  accessToken: process.env['GENAUTH_ACCESS_TOKEN'] ?? 'example-access-token',
});

const sms: SendSmsDto = { phoneNumber: '188xxxx8888', phoneCountryCode: '+86', channel: 'CHANNEL_BIND_PHONE' };
const bind: BindPhoneDto = { phoneNumber: '188xxxx8888', phoneCountryCode: '+86', passCode: '123456' };

const sent = await client.sendSms(sms);
const bound = await client.bindPhone(bind);

let failure: { caught: 'GenAuthBusinessError'; statusCode: number; message: string } | undefined;
try {
  // The mock answers with the spec's documented "invalidPassCode" example when asked to.
  await client.bindPhone({ ...bind, passCode: '000000' }, { headers: { Prefer: 'example=invalidPassCode' } });
} catch (error) {
  if (!(error instanceof GenAuthBusinessError)) throw error;
  failure = { caught: 'GenAuthBusinessError', statusCode: error.statusCode, message: error.message };
}

console.log(JSON.stringify({ sendSms: sent.message, bindPhone: bound.message, failure }));
