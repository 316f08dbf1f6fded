import { assertHeaderValue } from './client-options.js';
import { GenAuthValidationError } from './errors.js';

/** An HTTP header name: an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Headers that frame the message or belong to one connection: `fetch` sets them itself, and a value
 * given here either makes it throw (nothing is sent) or desynchronises the message (a wrong length
 * hangs until the timeout). They are refused as options.
 */
const FRAMING_HEADERS = new Set([
  'connection',
  'content-length',
  'expect',
  'host',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function refuse(field: string, message: string): GenAuthValidationError {
  return new GenAuthValidationError(`Invalid ${field}: ${message}.`, { issues: [{ field, message }] });
}

/**
 * Checks one header of the `headers` option (client or call): a valid name that is not a framing or
 * hop-by-hop header, and a value that can be sent. Returns the value. Never echoes the value; a bad
 * name is shown JSON-quoted and cut, so it cannot break the message. Per call, the error names the operation.
 */
export function assertHeaderOption(source: string, name: string, value: unknown, operationId?: string): string {
  try {
    if (!HEADER_NAME.test(name)) {
      throw refuse(`${source}headers`, `has a header name that is not a valid HTTP token: ${JSON.stringify(name.slice(0, 40))}`);
    }
    const field = `${source}headers.${name}`;
    if (FRAMING_HEADERS.has(name.toLowerCase())) {
      throw refuse(field, 'is a framing or hop-by-hop header, which fetch sets itself; it cannot be given as an option');
    }
    return assertHeaderValue(field, value, { allowEmpty: true });
  } catch (error) {
    if (operationId === undefined || !(error instanceof GenAuthValidationError)) throw error;
    throw new GenAuthValidationError(`${operationId}: ${error.message} Nothing was sent.`, { operationId, issues: [...error.issues] });
  }
}

/** A header name that says its value is a credential: `x-api-key`, `x-auth-token`, `cookie`, `proxy-authorization`… */
const CREDENTIAL_NAME = /(^|-)(authorization|auth|token|secret|password|passwd|apikey|key|cookie|session|signature|credentials?)($|-)/i;

/** The values of credential headers among `headers`: they are redacted from errors and log lines like the token. */
export function credentialValues(headers: Readonly<Record<string, string>> | undefined): string[] {
  const values: string[] = [];
  for (const name in headers) if (CREDENTIAL_NAME.test(name)) values.push(headers[name]!);
  return values;
}
