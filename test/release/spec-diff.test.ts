import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { diffSpecs, requiredBump, type SpecChange } from '../../scripts/lib/spec-diff.ts';
import type { OpenApiDocument } from '../../scripts/lib/spec.ts';
import { specPackages } from '../../scripts/lib/spec-release.ts';
import { publishedPackages } from '../../scripts/lib/workspace.ts';
import { repoRoot } from '../fixture-spec.ts';

const baseText = readFileSync(join(repoRoot, 'test/fixtures/spec-diff/base.yaml'), 'utf8');
const base = () => parse(baseText) as any;
const extraOperation = parse(readFileSync(join(repoRoot, 'test/fixtures/extra-operation.yaml'), 'utf8')) as any;
const SEND = 'sendSms (POST /api/v3/send-sms)';
const BIND = 'bindPhone (POST /api/v3/bind-phone)';

/** Fixture pairs: the frozen base spec, and the base with one kind of change applied. */
const cases: { name: string; mutate: (spec: any) => void; bump: string; changes: SpecChange[] }[] = [
  { name: 'no change', mutate: () => {}, bump: 'none', changes: [] },
  // fix: descriptions and examples
  {
    name: 'an operation description',
    mutate: (spec) => (spec.paths['/api/v3/send-sms'].post.description = 'Sends a code.'),
    bump: 'patch',
    changes: [{ kind: 'fix', where: SEND, change: 'documentation changed (description)' }],
  },
  {
    name: 'a response example',
    mutate: (spec) => (spec.paths['/api/v3/bind-phone'].post.responses['200'].content['application/json'].examples.success.value.message = 'Bound'),
    bump: 'patch',
    changes: [{ kind: 'fix', where: `${BIND} response 200`, change: 'examples changed (application/json)' }],
  },
  {
    name: 'a field description and example',
    mutate: (spec) => Object.assign(spec.components.schemas.BindPhoneDto.properties.passCode, { description: 'The code.', example: '654321' }),
    bump: 'patch',
    changes: [{ kind: 'fix', where: 'schema BindPhoneDto.passCode', change: 'documentation changed (description, example)' }],
  },
  // feature: new operation, new optional field, new enum value in a request
  {
    name: 'a new operation',
    mutate: (spec) => {
      spec.paths['/api/v3/unbind-email'] = extraOperation.paths['/api/v3/unbind-email'];
      spec.components.schemas.UnbindEmailDto = extraOperation.components.schemas.UnbindEmailDto;
    },
    bump: 'minor',
    changes: [
      { kind: 'feature', where: 'schema UnbindEmailDto', change: 'new schema' },
      { kind: 'feature', where: 'unbindEmail (POST /api/v3/unbind-email)', change: 'new operation' },
    ],
  },
  {
    name: 'a new optional request field',
    mutate: (spec) => (spec.components.schemas.SendSmsDto.properties.locale = { type: 'string', description: 'Language of the SMS.' }),
    bump: 'minor',
    changes: [{ kind: 'feature', where: 'schema SendSmsDto.locale', change: 'new optional request field' }],
  },
  {
    name: 'a new enum value in a request',
    mutate: (spec) => spec.components.schemas.SmsChannel.enum.push('CHANNEL_UPDATE_PHONE'),
    bump: 'minor',
    changes: [{ kind: 'feature', where: 'schema SmsChannel', change: 'new enum value "CHANNEL_UPDATE_PHONE"' }],
  },
  {
    name: 'a new optional query parameter',
    mutate: (spec) => (spec.paths['/api/v3/bind-phone'].post.parameters = [{ name: 'lang', in: 'query', schema: { type: 'string' } }]),
    bump: 'minor',
    changes: [{ kind: 'feature', where: `${BIND} query parameter lang`, change: 'new optional parameter' }],
  },
  {
    name: 'a new required header parameter',
    mutate: (spec) => (spec.paths['/api/v3/bind-phone'].post.parameters = [{ name: 'x-tenant-id', in: 'header', required: true, schema: { type: 'string' } }]),
    bump: 'major',
    changes: [{ kind: 'breaking', where: `${BIND} header parameter x-tenant-id`, change: 'new required parameter' }],
  },
  {
    name: 'a new response field',
    mutate: (spec) => (spec.components.schemas.SendSmsRespDto.properties.expiresIn = { type: 'number' }),
    bump: 'minor',
    changes: [{ kind: 'feature', where: 'schema SendSmsRespDto.expiresIn', change: 'new optional response field' }],
  },
  // breaking
  {
    name: 'a removed operation',
    mutate: (spec) => delete spec.paths['/api/v3/bind-phone'],
    bump: 'major',
    changes: [{ kind: 'breaking', where: BIND, change: 'operation removed' }],
  },
  {
    name: 'a renamed operation',
    mutate: (spec) => (spec.paths['/api/v3/send-sms'].post.operationId = 'sendSmsCode'),
    bump: 'major',
    changes: [{ kind: 'breaking', where: SEND, change: 'operation renamed to sendSmsCode: the client method sendSms disappears' }],
  },
  {
    name: 'a removed request field',
    mutate: (spec) => delete spec.components.schemas.BindPhoneDto.properties.phoneCountryCode,
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'schema BindPhoneDto.phoneCountryCode', change: 'removed request field' }],
  },
  {
    name: 'a renamed request field',
    mutate: (spec) => {
      const schema = spec.components.schemas.BindPhoneDto;
      schema.properties.code = schema.properties.passCode;
      delete schema.properties.passCode;
      schema.required = ['code', 'phoneNumber'];
    },
    bump: 'major',
    changes: [
      { kind: 'breaking', where: 'schema BindPhoneDto.code', change: 'new required request field' },
      { kind: 'breaking', where: 'schema BindPhoneDto.passCode', change: 'removed request field' },
    ],
  },
  {
    name: 'a removed enum value',
    mutate: (spec) => (spec.components.schemas.SmsChannel.enum = spec.components.schemas.SmsChannel.enum.filter((value: string) => value !== 'CHANNEL_LOGIN')),
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'schema SmsChannel', change: 'removed enum value "CHANNEL_LOGIN"' }],
  },
  {
    name: 'a new required request field',
    mutate: (spec) => {
      spec.components.schemas.SendSmsDto.properties.captcha = { type: 'string' };
      spec.components.schemas.SendSmsDto.required.push('captcha');
    },
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'schema SendSmsDto.captcha', change: 'new required request field' }],
  },
  {
    name: 'an optional request field made required',
    mutate: (spec) => spec.components.schemas.SendSmsDto.required.push('phoneCountryCode'),
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'schema SendSmsDto.phoneCountryCode', change: 'request field is now required' }],
  },
  {
    name: 'a narrowed length',
    mutate: (spec) => (spec.components.schemas.BindPhoneDto.properties.passCode.maxLength = 6),
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'schema BindPhoneDto.passCode', change: 'narrowed: maxLength 16 → 6' }],
  },
  {
    name: 'a changed type',
    mutate: (spec) => (spec.components.schemas.BindPhoneDto.properties.passCode = { type: 'integer' }),
    bump: 'major',
    changes: [
      { kind: 'breaking', where: 'schema BindPhoneDto.passCode', change: 'type changed from string to integer' },
      { kind: 'feature', where: 'schema BindPhoneDto.passCode', change: 'widened: maxLength 16 → none' },
      { kind: 'feature', where: 'schema BindPhoneDto.passCode', change: 'widened: minLength 1 → none' },
      { kind: 'fix', where: 'schema BindPhoneDto.passCode', change: 'documentation changed (description, example)' },
    ],
  },
  {
    name: 'a changed path',
    mutate: (spec) => {
      spec.paths['/api/v3/phone/bind'] = spec.paths['/api/v3/bind-phone'];
      delete spec.paths['/api/v3/bind-phone'];
    },
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'bindPhone (POST /api/v3/phone/bind)', change: 'changed path or method: was POST /api/v3/bind-phone' }],
  },
  {
    name: 'a changed method',
    mutate: (spec) => {
      spec.paths['/api/v3/bind-phone'] = { put: spec.paths['/api/v3/bind-phone'].post };
    },
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'bindPhone (PUT /api/v3/bind-phone)', change: 'changed path or method: was POST /api/v3/bind-phone' }],
  },
  {
    name: 'a removed response field',
    mutate: (spec) => {
      delete spec.components.schemas.SendSmsRespDto.properties.requestId;
    },
    bump: 'major',
    changes: [{ kind: 'breaking', where: 'schema SendSmsRespDto.requestId', change: 'removed response field' }],
  },
  {
    name: 'breaking, feature and fix together (sorted by severity)',
    mutate: (spec) => {
      spec.components.schemas.SmsChannel.enum.pop();
      spec.components.schemas.SmsChannel.enum.push('CHANNEL_UPDATE_PHONE');
      spec.info.description = 'Shorter.';
    },
    bump: 'major',
    changes: [
      { kind: 'breaking', where: 'schema SmsChannel', change: 'removed enum value "CHANNEL_DELETE_ACCOUNT"' },
      { kind: 'feature', where: 'schema SmsChannel', change: 'new enum value "CHANNEL_UPDATE_PHONE"' },
      { kind: 'fix', where: 'info', change: 'documentation changed' },
    ],
  },
];

describe('spec:diff classification (fixture spec pairs)', () => {
  it.each(cases)('$name → $bump', ({ mutate, bump, changes }) => {
    const head = base();
    mutate(head);
    const found = diffSpecs(base() as OpenApiDocument, head as OpenApiDocument);
    expect(found).toEqual(changes);
    expect(requiredBump(found)).toBe(bump);
  });

  it('classifies changes to existing parameters: removed, made required, narrowed are breaking; made optional is a feature', () => {
    const withParameters = (parameters: unknown[]) => {
      const spec = base();
      spec.paths['/api/v3/bind-phone'].post.parameters = parameters;
      return spec as OpenApiDocument;
    };
    const lang = { name: 'lang', in: 'query', schema: { type: 'string', maxLength: 16 } };
    const tenant = { name: 'x-tenant-id', in: 'header', required: true, schema: { type: 'string' } };
    expect(diffSpecs(withParameters([lang, tenant]), withParameters([{ ...lang, required: true }]))).toEqual([
      { kind: 'breaking', where: `${BIND} header parameter x-tenant-id`, change: 'parameter removed' },
      { kind: 'breaking', where: `${BIND} query parameter lang`, change: 'parameter is now required' },
    ]);
    const narrowed = diffSpecs(withParameters([lang]), withParameters([{ ...lang, schema: { type: 'string', maxLength: 8 } }]));
    expect(requiredBump(narrowed)).toBe('major');
    expect(narrowed[0]!.where).toBe(`${BIND} query parameter lang`);
    expect(diffSpecs(withParameters([tenant]), withParameters([{ ...tenant, required: false }]))).toEqual([
      { kind: 'feature', where: `${BIND} header parameter x-tenant-id`, change: 'parameter is now optional' },
    ]);
  });

  it('compares serialisation as OpenAPI reads it: writing out the default changes nothing, another style is breaking', () => {
    const withParameters = (parameters: unknown[]) => {
      const spec = base();
      spec.paths['/api/v3/bind-phone'].post.parameters = parameters;
      return spec as OpenApiDocument;
    };
    const lang = { name: 'lang', in: 'query', schema: { type: 'string' } };
    expect(diffSpecs(withParameters([lang]), withParameters([{ ...lang, style: 'form', explode: true }]))).toEqual([]);
    expect(diffSpecs(withParameters([lang]), withParameters([{ ...lang, explode: false }]))).toEqual([
      { kind: 'breaking', where: `${BIND} query parameter lang`, change: 'serialisation (style or explode) changed' },
    ]);
  });

  it('treats exactly the published packages that have generators as built from the spec', async () => {
    const { generators } = await import('../../scripts/generators/manifest.ts');
    const published = new Set(publishedPackages(repoRoot).map((pkg) => pkg.name));
    const withGenerators = [...new Set(generators.map((generator) => generator.workspacePackage))].filter((name) => published.has(name)).sort();
    expect(specPackages(repoRoot).map((pkg) => pkg.name)).toEqual(withGenerators);
  });

  it('is deterministic: the same pair gives the same list', () => {
    const head = base();
    cases.forEach((entry) => entry.name.startsWith('breaking, feature') && entry.mutate(head));
    expect(diffSpecs(base(), head)).toEqual(diffSpecs(base(), head));
  });
});

/** A small git repo with the spec, the spec packages' manifests and .changeset, for the CLIs. */
describe('pnpm spec:diff and pnpm spec:changeset in a repo', () => {
  const repo = mkdtempSync(join(tmpdir(), 'genauth-spec-diff-'));
  const tsx = join(repoRoot, 'node_modules/.bin/tsx');
  const env = { ...process.env, CI: '', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
  const cli = (script: string, ...args: string[]) => spawnSync(tsx, [join(repoRoot, 'scripts', script), '--root', repo, ...args], { cwd: repo, env, encoding: 'utf8' });
  const writeSpec = (mutate: (spec: any) => void) => {
    const spec = base();
    mutate(spec);
    writeFileSync(join(repo, 'openapi/openapi.yaml'), stringify(spec));
  };
  const changesets = () => readdirSync(join(repo, '.changeset')).filter((file) => file.endsWith('.md')).sort();

  beforeAll(() => {
    mkdirSync(join(repo, 'openapi'));
    mkdirSync(join(repo, '.changeset'));
    writeFileSync(join(repo, '.changeset/config.json'), '{}\n');
    cpSync(join(repoRoot, 'pnpm-workspace.yaml'), join(repo, 'pnpm-workspace.yaml'));
    for (const name of ['client', 'mock-server']) {
      mkdirSync(join(repo, 'packages', name), { recursive: true });
      writeFileSync(join(repo, 'packages', name, 'package.json'), JSON.stringify({ name: `@genauth/${name}`, version: '0.1.0', scripts: { generate: 'generate' } }));
    }
    writeFileSync(join(repo, 'openapi/openapi.yaml'), baseText);
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('with no release tag yet, has nothing to compare and passes, saying so', () => {
    writeSpec((spec) => delete spec.paths['/api/v3/bind-phone']);
    const result = cli('spec-diff.ts', '--check');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no release tag yet');
    expect(cli('spec-changeset.ts').stdout).toContain('nothing written');
    expect(changesets()).toEqual([]);
  });

  it('--base compares with any commit even without a tag', () => {
    const result = cli('spec-diff.ts', '--base', 'HEAD');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`breaking  ${BIND}: operation removed`);
    expect(result.stdout).toContain('Required bump: major (1 breaking, 0 feature, 0 fix).');
    expect(cli('spec-diff.ts', '--base', 'no-such-ref').stderr).toContain('--base no-such-ref is not a git commit');
  });

  it('after a release, fails CI on a breaking change without a major changeset, naming the change and the fix', () => {
    writeFileSync(join(repo, 'openapi/openapi.yaml'), baseText);
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', 'release');
    git('tag', '@genauth/client@0.1.0');
    git('tag', '@genauth/mock-server@0.1.0');
    writeSpec((spec) => (spec.components.schemas.SmsChannel.enum = spec.components.schemas.SmsChannel.enum.filter((value: string) => value !== 'CHANNEL_LOGIN')));

    const unchecked = cli('spec-diff.ts');
    expect(unchecked.status).toBe(0);
    expect(unchecked.stdout).toContain('compared with last release tag @genauth/');

    const ci = spawnSync(tsx, [join(repoRoot, 'scripts/spec-diff.ts'), '--root', repo], { cwd: repo, env: { ...env, CI: 'true' }, encoding: 'utf8' });
    expect(ci.status).toBe(1);
    expect(ci.stderr).toContain('breaking: schema SmsChannel: removed enum value "CHANNEL_LOGIN"');
    expect(ci.stderr).toContain('need a major release of @genauth/client, @genauth/mock-server');
    expect(ci.stderr).toContain('Fix: run `pnpm spec:changeset`');
  });

  it('a minor changeset does not cover a breaking change; a major one does', () => {
    writeFileSync(join(repo, '.changeset/small.md'), '---\n"@genauth/client": minor\n"@genauth/mock-server": minor\n---\n\nSomething.\n');
    expect(cli('spec-diff.ts', '--check').status).toBe(1);
    writeFileSync(join(repo, '.changeset/small.md'), '---\n"@genauth/client": major\n"@genauth/mock-server": major\n---\n\nSomething.\n');
    const covered = cli('spec-diff.ts', '--check');
    expect(covered.status).toBe(0);
    expect(covered.stdout).toContain('✓ @genauth/client: released 0.1.0, now 0.1.0; pending changesets: major (.changeset/small.md)');
    rmSync(join(repo, '.changeset/small.md'));
  });

  it('spec:changeset writes the changeset with the bump per package and the changes as its text, then CI passes', () => {
    const result = cli('spec-changeset.ts');
    expect(result.status).toBe(0);
    const written = changesets();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^spec-[0-9a-f]{8}\.md$/);
    expect(readFileSync(join(repo, '.changeset', written[0]!), 'utf8')).toBe(
      '---\n"@genauth/client": major\n"@genauth/mock-server": major\n---\n\nAPI changes in openapi/openapi.yaml since @genauth/client@0.1.0:\n\n- Breaking: schema SmsChannel: removed enum value "CHANNEL_LOGIN"\n',
    );
    expect(cli('spec-diff.ts', '--check').status).toBe(0);
    expect(cli('spec-changeset.ts').stdout).toContain('already recorded');
    rmSync(join(repo, '.changeset', written[0]!));
  });

  it('warns when a shallow clone without tags leaves nothing to compare', () => {
    const clone = join(repo, '..', `${repo.split('/').pop()}-shallow`);
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', '--no-tags', `file://${repo}`, clone], { env });
      const result = spawnSync(tsx, [join(repoRoot, 'scripts/spec-diff.ts'), '--root', clone, '--check'], { cwd: clone, env, encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Warning: this is a shallow clone, which may lack the release tags');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('counts a version already bumped by `pnpm version-packages` (changesets consumed, not yet tagged)', () => {
    for (const name of ['client', 'mock-server']) writeFileSync(join(repo, 'packages', name, 'package.json'), JSON.stringify({ name: `@genauth/${name}`, version: '1.0.0', scripts: { generate: 'generate' } }));
    expect(cli('spec-diff.ts', '--check').status).toBe(0);
    for (const name of ['client', 'mock-server']) writeFileSync(join(repo, 'packages', name, 'package.json'), JSON.stringify({ name: `@genauth/${name}`, version: '0.2.0', scripts: { generate: 'generate' } }));
    expect(cli('spec-diff.ts', '--check').status).toBe(1);
  });
});
