const REDACTED = '[redacted]';
/** How much of one piece of server text (a message, a request ID, a content type) reaches an error or a log line. */
export const SERVER_TEXT_LIMIT = 200;
const CUT_MARK = '… [cut]';

/**
 * Removes known secret values (the access token, pass codes) from text that came from outside the
 * client (server messages, headers, transport errors) before it reaches an error or a log line.
 */
export type Redactor = (text: string) => string;

/**
 * The forms of an access token a server may echo: the value as set, as sent (HTTP trims header values),
 * and without an auth scheme (`Bearer <t>` echoed as `<t>`).
 */
export function tokenForms(token: string | undefined): string[] {
  if (token === undefined) return [];
  const trimmed = token.trim();
  const scheme = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*\s+(\S.*)$/.exec(trimmed);
  return scheme ? [token, trimmed, scheme[1]!.trim()] : [token, trimmed];
}

/**
 * Matches secrets case-insensitively, so a server (or a URL parser) that changes the case of an echo,
 * such as a token put into a redirect's host name, cannot slip it past.
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = [...new Set(secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (values.length === 0) return (text) => text;
  const pattern = new RegExp(values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  return (text) => text.replace(pattern, REDACTED);
}

/** Cuts server text to a short, marked length; call it on text that was already redacted. */
export function cut(text: string, limit = SERVER_TEXT_LIMIT): string {
  return text.length <= limit ? text : text.slice(0, limit) + CUT_MARK;
}

/** Redacted, then cut: what of one piece of server text may appear in an error or a log line. */
export function serverText(text: string, redact: Redactor): string {
  return cut(redact(text));
}

/** A number from the server, unless it spells a secret (a numeric pass code echoed as `apiCode`). */
export function serverNumber(value: number | undefined, redact: Redactor): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  return redact(text) === text ? value : undefined;
}
