const REDACTED = '[redacted]';

/**
 * Removes known secret values (the access token, pass codes) from text that came from outside the
 * client (server messages, transport errors) before it reaches an error or a log line.
 */
export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const values = [...new Set(secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  if (values.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const value of values) if (result.includes(value)) result = result.split(value).join(REDACTED);
    return result;
  };
}
