#!/usr/bin/env node
/**
 * The main job: the built @genauth/client against the Prism mock of the spec.
 * sendSms (CHANNEL_BIND_PHONE), then bindPhone, printing what was sent and what came back.
 * The pass code and the access token are secrets: they are never printed.
 */
import { AuthenticationClient, GenAuthError } from '@genauth/client';
import { startMockServer } from '@genauth/mock-server';

const redact = ({ passCode, ...rest }) => (passCode === undefined ? rest : { ...rest, passCode: '[redacted]' });

const mock = await startMockServer();
console.log(`Prism mock of openapi/openapi.yaml on ${mock.url}`);
let failed = false;
try {
  const client = new AuthenticationClient({ appId: 'demo-app-id', appHost: mock.url, accessToken: 'demo-access-token' });

  const sms = { phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE', phoneCountryCode: '+86' };
  console.log('\nsendSms  sent:', JSON.stringify(sms));
  console.log('sendSms   got:', JSON.stringify(await client.sendSms(sms)));

  const bind = { passCode: '123456', phoneNumber: '188xxxx8888', phoneCountryCode: '+86' };
  console.log('\nbindPhone sent:', JSON.stringify(redact(bind)));
  console.log('bindPhone  got:', JSON.stringify(await client.bindPhone(bind)));

  // A documented business failure: HTTP 200, but statusCode 400. The client rejects with a typed error.
  try {
    await client.bindPhone(bind, { headers: { Prefer: 'example=invalidPassCode' } });
  } catch (error) {
    if (!(error instanceof GenAuthError)) throw error;
    console.log(`\nbindPhone (documented failure "invalidPassCode") rejected with ${error.name}: ${error.message}`);
    console.log('  fields:', JSON.stringify({ statusCode: error.statusCode, httpStatus: error.httpStatus, requestId: error.requestId }));
  }
} catch (error) {
  failed = true;
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await mock.stop();
}
process.exit(failed ? 1 : 0);
