import { describe, expect, it } from 'vitest';
import { renderOperationPage } from '../../scripts/lib/docs/operation-page.ts';
import { readOperations } from '../../scripts/lib/operations.ts';
import { loadSpec } from '../../scripts/lib/spec.ts';
import { specWith } from '../fixture-spec.ts';

/** Renders one operation's docs page from the real spec changed by `mutate`. */
function renderPage(operationId: string, mutate: (spec: any) => void): string {
  const { document } = loadSpec(specWith({}, mutate).specPath);
  const operation = readOperations(document).find((candidate) => candidate.operationId === operationId)!;
  return renderOperationPage(document, operation, '<!-- header -->\n');
}

const bindPhone = (spec: any) => spec.paths['/api/v3/bind-phone'].post;

describe('the docs page generator', () => {
  it.each([
    [
      'a required field with no example anywhere',
      (spec: any) => {
        delete bindPhone(spec).requestBody.content['application/json'].examples;
        delete spec.components.schemas.BindPhoneDto.properties.passCode.example;
      },
      /bindPhone: required request property "passCode" has no example/,
    ],
    [
      'a 200 response without a success example',
      (spec: any) => delete bindPhone(spec).responses['200'].content['application/json'].examples.success,
      /bindPhone: the 200 response has no success example/,
    ],
    [
      'a security scheme the samples cannot fill',
      (spec: any) => {
        spec.components.securitySchemes.partnerKey = { type: 'apiKey', in: 'query', name: 'key' };
        bindPhone(spec).security = [{ partnerKey: [] }];
      },
      /bindPhone: security scheme "partnerKey" is not one the docs samples can fill/,
    ],
    ['a spec without servers', (spec: any) => delete spec.servers, /The spec has no `servers` entry/],
  ])('refuses %s with a clear error', (_name, mutate, message) => {
    expect(() => renderPage('bindPhone', mutate)).toThrow(message);
  });

  it('builds the sample body from the field examples when the request body has no example', () => {
    const page = renderPage('bindPhone', (spec) => delete bindPhone(spec).requestBody.content['application/json'].examples);
    expect(page).toContain("  passCode: '123456',\n  phoneNumber: '188xxxx8888',\n  phoneCountryCode: '+86',\n});");
  });

  it('leaves readOnly properties out of a sample body assembled from the field examples', () => {
    const { document } = loadSpec(specWith('kitchen-sink.yaml', (spec) => delete spec.paths['/api/v3/ks/widgets'].post.requestBody.content['application/json'].examples).specPath);
    const page = renderOperationPage(document, readOperations(document).find((candidate) => candidate.operationId === 'createWidget')!, '<!-- header -->\n');
    const curlBody = JSON.parse(/-d '(.*)'$/m.exec(page)![1]!) as Record<string, unknown>;
    expect(curlBody).toMatchObject({ name: 'Blue widget', color: 'blue', secretNote: 'keep dry', legacyCode: 'WX-1' });
    expect(curlBody).not.toHaveProperty('revision');
    expect(page).not.toContain('  revision: 3,');
  });

  it('leaves the access token out of the samples of a method that takes the app ID alone', () => {
    const page = renderPage('bindPhone', (spec) => (bindPhone(spec).security = [{ appId: [] }]));
    expect(page).not.toContain('AUTHING_ACCESS_TOKEN');
    expect(page).toContain('Replace `AUTHING_APP_HOST` and `AUTHING_APP_ID` at the top');
    expect(page).toContain('-H "x-authing-app-id: $AUTHING_APP_ID"');
  });

  it('keeps a pipe in a description from breaking the table', () => {
    const page = renderPage('bindPhone', (spec) => (spec.components.schemas.BindPhoneDto.properties.passCode.description = 'Digits | letters'));
    expect(page).toMatch(/^\| passCode \| string \| Yes \| - \| Digits \\\| letters /m);
  });
});
