import { assertType, describe, expectTypeOf, it } from 'vitest';
import {
  AuthenticationClient,
  bindPhone,
  bindPhoneOperation,
  GenAuthClient,
  sendSms,
  sendSmsOperation,
  type CallOptions,
  type BindPhoneDto,
  type CommonResponseDto,
  type SendSmsDto,
  type SendSmsRespDto,
  type SmsChannel,
  type components,
  type paths,
} from '@genauth/client';

declare const client: AuthenticationClient;

describe('types generated from the spec', () => {
  it('types each method from its DTOs', () => {
    expectTypeOf(client.sendSms).parameter(0).toEqualTypeOf<SendSmsDto>();
    expectTypeOf(client.sendSms).returns.resolves.toEqualTypeOf<SendSmsRespDto>();
    expectTypeOf(client.bindPhone).parameter(0).toEqualTypeOf<BindPhoneDto>();
    expectTypeOf(client.bindPhone).returns.resolves.toEqualTypeOf<CommonResponseDto>();
    expectTypeOf<BindPhoneDto>().toEqualTypeOf<components['schemas']['BindPhoneDto']>();
    expectTypeOf<paths['/api/v3/send-sms']['post']['requestBody']>().not.toBeUndefined();
  });

  it('has the 11 SMS channels as a union', () => {
    expectTypeOf<SmsChannel>().toEqualTypeOf<
      | 'CHANNEL_LOGIN'
      | 'CHANNEL_REGISTER'
      | 'CHANNEL_RESET_PASSWORD'
      | 'CHANNEL_BIND_PHONE'
      | 'CHANNEL_UNBIND_PHONE'
      | 'CHANNEL_BIND_MFA'
      | 'CHANNEL_VERIFY_MFA'
      | 'CHANNEL_UNBIND_MFA'
      | 'CHANNEL_COMPLETE_PHONE'
      | 'CHANNEL_IDENTITY_VERIFICATION'
      | 'CHANNEL_DELETE_ACCOUNT'
    >();
  });

  it('accepts valid bodies', () => {
    assertType(client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE' }));
    assertType(client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_LOGIN', phoneCountryCode: '+86' }));
    assertType(client.bindPhone({ passCode: '123456', phoneNumber: '188xxxx8888' }, { signal: AbortSignal.timeout(1000) }));
  });

  it('refuses a wrong channel, a missing required field and an unknown field', () => {
    // @ts-expect-error: not one of the 11 channels
    assertType(client.sendSms({ phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_EMAIL' }));
    // @ts-expect-error: channel is required
    assertType(client.sendSms({ phoneNumber: '188xxxx8888' }));
    // @ts-expect-error: passCode is required
    assertType(client.bindPhone({ phoneNumber: '188xxxx8888' }));
    // @ts-expect-error: phoneNumber must be a string
    assertType(client.bindPhone({ passCode: '123456', phoneNumber: 18800008888 }));
    // @ts-expect-error: no such field in BindPhoneDto
    assertType(client.bindPhone({ passCode: '123456', phoneNumber: '1', channel: 'CHANNEL_BIND_PHONE' }));
  });

  it('types the standalone functions and the generic call() like the methods', () => {
    expectTypeOf(sendSms).parameters.toEqualTypeOf<[GenAuthClient, SendSmsDto, CallOptions?]>();
    expectTypeOf(bindPhone).returns.resolves.toEqualTypeOf<CommonResponseDto>();
    expectTypeOf(client.call(sendSmsOperation, { phoneNumber: '1', channel: 'CHANNEL_LOGIN' })).resolves.toEqualTypeOf<SendSmsRespDto>();
    // @ts-expect-error: the body of bindPhone is not a SendSmsDto
    assertType(client.call(bindPhoneOperation, { phoneNumber: '1', channel: 'CHANNEL_LOGIN' }));
    // @ts-expect-error: a wrong channel fails in the standalone form too
    assertType(sendSms(client, { phoneNumber: '1', channel: 'CHANNEL_NOPE' }));
  });
});
