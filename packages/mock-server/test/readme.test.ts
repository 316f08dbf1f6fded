import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

it("the README's sandbox example is test/readme-example.test.ts, verbatim, so it runs in the tests", () => {
  const example = readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8');
  expect(readme).toContain('```ts\n' + example + '```');
});

it('the README starts the sandbox with `npx @genauth/mock-server --stateful` (the npx form test/release/mock-cli.test.ts runs from the packed package)', () => {
  expect(readme).toMatch(/^npx @genauth\/mock-server --stateful\b/m);
});
