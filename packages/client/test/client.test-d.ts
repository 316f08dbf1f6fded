import { assertType, describe, expectTypeOf, it } from 'vitest';
import {
  AuthenticationClient,
  bindPhone,
  bindPhoneOperation,
  GenAuthClient,
  sendSms,
  sendSmsOperation,
  getProfile,
  getProfileOperation,
  type CallOptions,
  type BindPhoneDto,
  type GetProfileParams,
  type UserDto,
  type UserSingleRespDto,
  type VerifyUpdatePhoneRequestRespDto,
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

describe('the call shapes', () => {
  it('body-only operations take the body itself, as before', () => {
    expectTypeOf(client.bindPhone).parameter(0).toEqualTypeOf<BindPhoneDto>();
    assertType(client.updatePhone({ updatePhoneToken: 'upt_1' }));
    assertType(
      client.verifyUpdatePhoneRequest({ verifyMethod: 'PHONE_PASSCODE', phonePassCodePayload: { newPhoneNumber: '188xxxx6666', newPhonePassCode: '654321' } }),
    );
    // @ts-expect-error: the body is required
    assertType(client.unbindPhone());
    // @ts-expect-error: nested fields are typed: newPhonePassCode is required
    assertType(client.verifyUpdatePhoneRequest({ verifyMethod: 'PHONE_PASSCODE', phonePassCodePayload: { newPhoneNumber: '188xxxx6666' } }));
    // @ts-expect-error: verifyMethod is an enum of one value
    assertType(client.verifyUpdatePhoneRequest({ verifyMethod: 'EMAIL_PASSCODE', phonePassCodePayload: { newPhoneNumber: '1', newPhonePassCode: '1' } }));
  });

  it('operations with parameters take one object of them by name; it is optional when nothing in it is required', () => {
    expectTypeOf(client.getProfile).parameter(0).toEqualTypeOf<GetProfileParams | undefined>();
    expectTypeOf<GetProfileParams>().toEqualTypeOf<{ withCustomData?: boolean; withIdentities?: boolean; withDepartmentIds?: boolean }>();
    assertType(client.getProfile());
    assertType(client.getProfile({ withCustomData: true }));
    assertType(client.getProfile({}, { timeout: 1000 }));
    // @ts-expect-error: withCustomData is a boolean
    assertType(client.getProfile({ withCustomData: 'yes' }));
    // @ts-expect-error: no such parameter
    assertType(client.getProfile({ withEverything: true }));
    expectTypeOf(getProfile).parameters.toEqualTypeOf<[GenAuthClient, GetProfileParams?, CallOptions?]>();
    expectTypeOf(client.call(getProfileOperation, { withIdentities: true })).resolves.toEqualTypeOf<UserSingleRespDto>();
  });

  it('types the data an envelope carries through to the result', () => {
    expectTypeOf(client.getProfile).returns.resolves.toEqualTypeOf<UserSingleRespDto>();
    expectTypeOf<UserSingleRespDto['data']>().toEqualTypeOf<UserDto | undefined>();
    expectTypeOf<UserDto['status']>().toEqualTypeOf<'Suspended' | 'Resigned' | 'Activated' | 'Archived' | 'Deactivated'>();
    expectTypeOf<UserDto['phone']>().toEqualTypeOf<string | null | undefined>();
    // A free-form object: any field can be read and sent.
    expectTypeOf<NonNullable<UserDto['customData']>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<NonNullable<VerifyUpdatePhoneRequestRespDto['data']>>().toEqualTypeOf<{ updatePhoneToken: string; tokenExpiresIn: number }>();
  });
});
