/** Reads a generated Markdown page back into its parts, the way a reader sees them. */

export interface ParsedTable {
  headers: string[];
  rows: Record<string, string>[];
}

export interface ParsedPage {
  title: string;
  /** `## ` sections in order, each with its text up to the next `## `. */
  sections: { heading: string; body: string }[];
}

export function parsePage(markdown: string): ParsedPage {
  const lines = markdown.split('\n');
  const title = lines.find((line) => line.startsWith('# '))?.slice(2) ?? '';
  const sections: ParsedPage['sections'] = [];
  let inFence = false;
  for (const line of lines) {
    if (line.startsWith('```')) inFence = !inFence;
    if (!inFence && line.startsWith('## ')) sections.push({ heading: line.slice(3), body: '' });
    else if (sections.length) sections.at(-1)!.body += line + '\n';
  }
  return { title, sections };
}

export function section(page: ParsedPage, heading: string): string {
  const found = page.sections.find((candidate) => candidate.heading === heading);
  if (!found) throw new Error(`The page has no "## ${heading}" section (it has: ${page.sections.map((s) => s.heading).join(', ')}).`);
  return found.body;
}

const stripTags = (text: string) => text.replace(/<[^>]+>/g, '').trim();
const splitRow = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => stripTags(cell).replace(/\\\|/g, '|'));

/** Every table in a block of Markdown, rows keyed by the header text (HTML width hints removed). */
export function tables(markdown: string): ParsedTable[] {
  const found: ParsedTable[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    if (!lines[index]!.startsWith('|') || !/^\|( ?-+ ?\|)+$/.test(lines[index + 1]?.trim() ?? '')) continue;
    const headers = splitRow(lines[index]!);
    const rows: Record<string, string>[] = [];
    for (index += 2; lines[index]?.startsWith('|'); index++) {
      const cells = splitRow(lines[index]!);
      rows.push(Object.fromEntries(headers.map((header, column) => [header, cells[column] ?? ''])));
    }
    found.push({ headers, rows });
  }
  return found;
}

/** The bodies of the fenced code blocks of one language. */
export function codeBlocks(markdown: string, language: string): string[] {
  const pattern = new RegExp('^```' + language + '\\n([\\s\\S]*?)\\n```$', 'gm');
  return [...markdown.matchAll(pattern)].map((match) => match[1]!);
}

/** `### ` headings of a block of Markdown. */
export function subheadings(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('### '))
    .map((line) => line.slice(4));
}
