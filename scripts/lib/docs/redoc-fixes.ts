/**
 * Changes to the page `redocly build-docs --inlineBundle` writes, found by opening it in Chromium
 * (packages/docs/test/html-reference.test.ts). Each fix refuses to run when the text it changes is
 * missing, so a Redocly upgrade makes us look again instead of shipping a silently unfixed page.
 */
type Fix = { name: string; apply(html: string): string };

function replaceRequired(html: string, name: string, pattern: RegExp, replacement: string): string {
  let count = 0;
  const fixed = html.replace(pattern, () => {
    count++;
    return replacement;
  });
  if (count === 0) throw new Error(`Redoc fix "${name}": the build-docs output no longer contains what this fix changes; review the page and the fix.`);
  return fixed;
}

/** The "API docs by Redocly" logo, drawn locally: the text in the brand's colour. */
const LOCAL_LOGO =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='60' height='16'%3E%3Ctext x='0' y='13' font-family='sans-serif' font-size='13' fill='%23ee3424'%3ERedocly%3C/text%3E%3C/svg%3E";

export const REDOC_FIXES: Fix[] = [
  {
    // The page's only request off the machine: the sidebar footer's logo, loaded from Redocly's CDN.
    name: 'local sidebar logo',
    apply: (html) => replaceRequired(html, 'local sidebar logo', /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, LOCAL_LOGO),
  },
];
