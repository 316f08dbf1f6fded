/**
 * Fixes for defects of openapi-generator 4.3.1's `html2` page, found by opening it in Chromium
 * (packages/docs/test/html-reference.test.ts). Each fix refuses to run when the text it fixes is
 * missing, so a generator upgrade makes us look again instead of shipping a silently unfixed page.
 */
type Fix = { name: string; apply(html: string): string };

function replaceRequired(html: string, name: string, pattern: RegExp, replace: (...match: string[]) => string): string {
  let count = 0;
  const fixed = html.replace(pattern, (...match: string[]) => {
    count++;
    return replace(...match);
  });
  if (count === 0) throw new Error(`html2 fix "${name}": the html2 output no longer contains what this fix changes; review the page and the fix.`);
  return fixed;
}

export const HTML2_FIXES: Fix[] = [
  {
    // The page's only network request: a Google Fonts import. Without it the code font is the local monospace.
    name: 'no web-font import',
    apply: (html) => replaceRequired(html, 'no web-font import', /^\s*@import url\('https:\/\/fonts\.googleapis\.com\/[^']*'\);\n/m, () => ''),
  },
  {
    // Response descriptions are pasted raw into JS template literals: a Markdown `code` span ends the
    // literal and the script throws a SyntaxError. Escape them as template-literal text.
    name: 'escape response descriptions',
    apply: (html) =>
      replaceRequired(
        html,
        'escape response descriptions',
        /(var (\w+)_description = `)([\s\S]*?)(`;\n\s*var \2_description_break)/g,
        (_match, start, _name, body, end) => start + body!.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + end,
      ),
  },
  {
    // findNode('schema', response) returns the first `schema` in document order, which for a response
    // with headers is a header's schema, leaving the body schema undefined (TypeError on `.$ref`).
    // Look in the response's `content` first.
    name: 'find the body schema of a response with headers',
    apply: (html) =>
      replaceRequired(
        html,
        'find the body schema of a response with headers',
        /(    function findNode\(id, currentNode\) \{\n)(        return \(Object\.keys\(currentNode\)\[0\] === id\))/,
        (_match, head, tail) =>
          head +
          '        if (id === "schema" && currentNode.content && Object.keys(currentNode)[0] !== id) {\n' +
          '            var inContent = findNodeInChildren(id, currentNode.content);\n' +
          '            if (inContent !== false) return inContent;\n' +
          '        }\n' +
          tail,
      ),
  },
];
