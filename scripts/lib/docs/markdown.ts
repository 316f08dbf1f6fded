/** Small Markdown helpers for the generated docs pages. */

/** One table cell: a single line, with pipes escaped so the table stays intact. */
export function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
}

/** Inline code, or `-` when there is no value (the vendor pages' convention for an empty cell). */
export function code(value: unknown): string {
  if (value === undefined) return '-';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return '`' + cell(text).replace(/`/g, "'") + '`';
}

/** A GitHub-flavoured Markdown table; headers may carry the vendor pages' width hints. */
export function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** A header cell with the fixed width the vendor's pages give it. */
export function widthHeader(text: string, width: number): string {
  return `<div style="width:${width}px">${text}</div>`;
}

export function fence(language: string, body: string): string {
  return ['```' + language, body.replace(/\n+$/, ''), '```'].join('\n');
}

/** `bindPhone` → `bind-phone`: page file names. */
export function kebabCase(identifier: string): string {
  return identifier.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/** The anchor a Markdown renderer (GitHub, VitePress, Docusaurus) gives the heading `### Name`. */
export function schemaAnchor(name: string): string {
  return `#${name.toLowerCase()}`;
}
