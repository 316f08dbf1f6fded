import type { OperationModel } from '../operations.ts';
import type { OpenApiDocument } from '../spec.ts';
import type { SampleInput } from './examples.ts';

/** The constants every sample starts with; the page tells readers to replace them, the tests substitute them. */
export const SAMPLE_CONSTANTS = {
  appHost: 'AUTHING_APP_HOST',
  appId: 'AUTHING_APP_ID',
  accessToken: 'AUTHING_ACCESS_TOKEN',
} as const;

/** How a reader installs the client the samples use (on each page and the index). */
export const INSTALL_COMMAND = 'npm install @genauth/client';

/** Security schemes the samples know how to fill, with the client option and the constant that carries each. */
const KNOWN_SCHEMES: Record<string, { option: 'appId' | 'accessToken'; constant: string }> = {
  appId: { option: 'appId', constant: SAMPLE_CONSTANTS.appId },
  accessToken: { option: 'accessToken', constant: SAMPLE_CONSTANTS.accessToken },
};

/** `https://{appHost}` with its variable defaults filled in: the host readers replace. */
export function defaultAppHost(document: OpenApiDocument): string {
  const server = document.servers?.[0];
  if (!server) throw new Error('The spec has no `servers` entry; the docs samples need the application host from it.');
  return server.url.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`servers[0].url uses {${name}}, which has no default in servers[0].variables.`);
    return value;
  });
}

function orderSchemes(schemes: string[]): string[] {
  const known = Object.keys(KNOWN_SCHEMES);
  return [...schemes].sort((a, b) => (known.indexOf(a) + 1 || Infinity) - (known.indexOf(b) + 1 || Infinity));
}

/**
 * The security alternative the samples send: the one that needs the fewest credentials (`sendSms`
 * accepts the app ID alone, so its samples send no access token). Ties keep the spec's order.
 */
function sampleSchemes(operation: OperationModel): string[] {
  const alternatives = operation.security.length ? operation.security : [[]];
  return orderSchemes(alternatives.reduce((fewest, schemes) => (schemes.length < fewest.length ? schemes : fewest)));
}

/** Which credential headers the samples send, and which other credentials the method accepts. */
export function credentialsNote(document: OpenApiDocument, operation: OperationModel): string {
  const headers = (schemes: string[]) =>
    orderSchemes(schemes)
      .map((scheme) => `\`${document.components?.securitySchemes?.[scheme]?.name ?? scheme}\``)
      .join(' and ');
  const sent = sampleSchemes(operation);
  const others = operation.security.filter((schemes) => orderSchemes(schemes).join() !== sent.join());
  const alternatives = others.map((schemes) => (schemes.length > 1 ? `${headers(schemes)} together` : schemes.length ? headers(schemes) : 'no credentials'));
  const also = alternatives.length ? `; the method also accepts ${alternatives.join(', or ')}` : '';
  if (sent.length === 0) return `This method needs no credentials${also}.`;
  return `The samples send the ${headers(sent)} header${sent.length > 1 ? 's' : ''}, all the method needs${also}.`;
}

/** The credentials the samples send, as headers with the constant that fills each. */
function sampleCredentials(document: OpenApiDocument, operation: OperationModel): { scheme: string; header: string; constant: string }[] {
  return sampleSchemes(operation).map((scheme) => {
    const known = KNOWN_SCHEMES[scheme];
    const definition = document.components?.securitySchemes?.[scheme];
    if (!known || definition?.type !== 'apiKey' || definition.in !== 'header' || !definition.name) {
      throw new Error(
        `${operation.operationId}: security scheme "${scheme}" is not one the docs samples can fill (they know header apiKeys ${Object.keys(KNOWN_SCHEMES).join(', ')}).`,
      );
    }
    return { scheme, header: definition.name, constant: known.constant };
  });
}

/** The constants a page's samples start with, for the sentence that tells readers to replace them. */
export function sampleConstants(document: OpenApiDocument, operation: OperationModel): string[] {
  return [SAMPLE_CONSTANTS.appHost, SAMPLE_CONSTANTS.appId, ...sampleCredentials(document, operation).filter((c) => c.scheme === 'accessToken').map((c) => c.constant)];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A TypeScript literal for a JSON value, laid out the way a person would write it. */
function tsLiteral(value: unknown, indent: string): string {
  if (typeof value === 'string') return tsString(value);
  if (value === null || typeof value !== 'object') return String(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) return value.length ? `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)},`).join('\n')}\n${indent}]` : '[]';
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => `${inner}${IDENTIFIER.test(key) ? key : tsString(key)}: ${tsLiteral(item, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** What the TypeScript sample prints for an operation whose answer has no body. */
export const NO_CONTENT_OUTPUT = 'Done: the answer has no body.';

/** The lines every TypeScript sample starts with after its imports: the constants and the client. */
export function clientSetupLines(document: OpenApiDocument, operation: OperationModel): string[] {
  const hasAccessToken = sampleCredentials(document, operation).some((credential) => credential.scheme === 'accessToken');
  return [
    "// Replace with your application's host and ID (GenAuth console)" + (hasAccessToken ? ' and the signed-in user\'s access token.' : '.'),
    `const ${SAMPLE_CONSTANTS.appHost} = ${tsString(defaultAppHost(document))};`,
    `const ${SAMPLE_CONSTANTS.appId} = ${tsString(SAMPLE_CONSTANTS.appId)};`,
    ...(hasAccessToken ? [`const ${SAMPLE_CONSTANTS.accessToken} = ${tsString(SAMPLE_CONSTANTS.accessToken)};`] : []),
    '',
    'const client = new AuthenticationClient({',
    `  appId: ${SAMPLE_CONSTANTS.appId},`,
    `  appHost: ${SAMPLE_CONSTANTS.appHost},`,
    ...(hasAccessToken ? [`  accessToken: ${SAMPLE_CONSTANTS.accessToken},`] : []),
    '});',
  ];
}

/** `client.bindPhone({ ... })`: the method call the samples make, with the page's example argument. */
export function sampleCall(operation: OperationModel, input: SampleInput, indent = ''): string {
  return `client.${operation.operationId}(${input.argument === undefined ? '' : tsLiteral(input.argument, indent)})`;
}

export function typescriptSample(document: OpenApiDocument, operation: OperationModel, input: SampleInput): string {
  const { kind, schemaName } = operation.successResponse;
  const responseType = kind === 'empty' ? undefined : schemaName;
  const imports = ['AuthenticationClient', ...(responseType ? [`type ${responseType}`] : [])];
  const call = sampleCall(operation, input);
  const lines = [
    `import { ${imports.join(', ')} } from '@genauth/client';`,
    '',
    ...clientSetupLines(document, operation),
    '',
    ...(kind === 'empty'
      ? [`await ${call};`, `console.log(${tsString(NO_CONTENT_OUTPUT)});`]
      : [`const result${responseType ? `: ${responseType}` : ''} = await ${call};`, 'console.log(JSON.stringify(result, null, 2));']),
  ];
  return lines.join('\n');
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The curl sample: the same request as the TypeScript sample, serialised by the client's own code (path, query string, headers, body). */
export function curlSample(document: OpenApiDocument, operation: OperationModel, input: SampleInput): string {
  const credentials = sampleCredentials(document, operation);
  const { target, headers, body } = input.request;
  const lines = [
    `${SAMPLE_CONSTANTS.appHost}=${shellQuote(defaultAppHost(document))}`,
    ...credentials.map((credential) => `${credential.constant}=${shellQuote(credential.constant)}`),
    '',
    // A target of URL-safe characters reads naturally inside the double quotes; anything else is single-quoted.
    `curl -X ${operation.method} ${/^[A-Za-z0-9/_.~%&=?,:+-]*$/.test(target) ? `"$${SAMPLE_CONSTANTS.appHost}${target}"` : `"$${SAMPLE_CONSTANTS.appHost}"${shellQuote(target)}`} \\`,
    ...credentials.map((credential) => `  -H "${credential.header}: $${credential.constant}" \\`),
    ...Object.entries(headers ?? {}).map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)} \\`),
    ...(body !== undefined ? ["  -H 'content-type: application/json' \\", `  -d ${shellQuote(JSON.stringify(body))}`] : []),
  ];
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/ \\$/, '');
  return lines.join('\n');
}
