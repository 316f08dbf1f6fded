import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type SchemaObject } from '../../../scripts/lib/spec.ts';

const packageRoot = join(import.meta.dirname, '..');
const spec = loadSpec(join(packageRoot, '../../openapi/openapi.yaml')).document;
const schema = (name: string) => spec.components!.schemas![name] as SchemaObject & { properties: Record<string, SchemaObject> };

/** What an editor shows when hovering `marker` in a consumer file that imports the BUILT @genauth/client. */
class Editor {
  readonly project = mkdtempSync(join(tmpdir(), 'genauth-hover-'));
  private readonly file = join(this.project, 'consumer.mts');
  private text = '';
  private readonly service: ts.LanguageService;

  constructor() {
    // A consumer project whose node_modules/@genauth/client is the workspace package (dist/ and package.json exports).
    symlinkSync(join(packageRoot, '../../node_modules'), join(this.project, 'node_modules'), 'dir');
    const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [], skipLibCheck: true };
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [this.file],
      getScriptVersion: () => this.text,
      getScriptSnapshot: (name) => (name === this.file ? ts.ScriptSnapshot.fromString(this.text) : ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
      getCurrentDirectory: () => this.project,
      getCompilationSettings: () => options,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: (name) => name === this.file || ts.sys.fileExists(name),
      readFile: (name) => (name === this.file ? this.text : ts.sys.readFile(name)),
      realpath: ts.sys.realpath,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host);
  }

  /** The hover text (documentation and JSDoc tags) at the first occurrence of `marker` in `source`. */
  hover(source: string, marker: string): { type: string; docs: string; declaredIn: string[] } {
    this.text = source;
    writeFileSync(this.file, source);
    const errors = this.service.getSemanticDiagnostics(this.file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors, 'the consumer compiles').toEqual([]);
    const info = this.service.getQuickInfoAtPosition(this.file, source.indexOf(marker));
    const definitions = this.service.getDefinitionAtPosition(this.file, source.indexOf(marker)) ?? [];
    const docs = [...(info?.documentation ?? []), ...(info?.tags ?? []).flatMap((tag) => tag.text ?? [])].map((part) => part.text).join('\n');
    return { type: ts.displayPartsToString(info?.displayParts), docs, declaredIn: definitions.map((definition) => definition.fileName) };
  }

  close() {
    rmSync(this.project, { recursive: true, force: true });
  }
}

/** Hover text of the DTO types as a consumer's editor shows it, read from the built declaration files. */
describe('the built declarations carry the spec descriptions', () => {
  let editor: Editor;

  beforeAll(() => {
    const built = join(packageRoot, 'dist/index.d.mts');
    if (!existsSync(built)) throw new Error(`${built} is missing: build the client first (\`pnpm build\`; \`pnpm test\` does it).`);
    editor = new Editor();
  });
  afterAll(() => editor?.close());

  const consumer = [
    "import type { SendSmsDto, BindPhoneDto, SmsChannel } from '@genauth/client';",
    "const sms: SendSmsDto = { phoneNumber: '188xxxx8888', channel: 'CHANNEL_BIND_PHONE', phoneCountryCode: '+86' };",
    "const bind: BindPhoneDto = { passCode: '123456', phoneNumber: '188xxxx8888' };",
    "let purpose: SmsChannel = 'CHANNEL_LOGIN';",
    'export { sms, bind, purpose };',
  ].join('\n');

  it('a DTO type shows its description', () => {
    expect(editor.hover(consumer, 'SendSmsDto =').docs).toBe(schema('SendSmsDto').description!.trim());
  });

  it('a plain field shows its own description (read from dist/)', () => {
    const hover = editor.hover(consumer, 'passCode:');
    expect(hover.declaredIn.every((file) => file.includes('/packages/client/dist/')), hover.declaredIn.join()).toBe(true);
    expect(hover.docs.replace(/\s+/g, ' ')).toContain(schema('BindPhoneDto').properties.passCode!.description!.replace(/\s+/g, ' ').trim());
  });

  it("a field that is only a $ref (channel) shows the referenced schema's description and every value's meaning", () => {
    const hover = editor.hover(consumer, 'channel:');
    const smsChannel = schema('SmsChannel');
    expect(hover.docs).toContain(smsChannel.description!.trim());
    smsChannel.enum!.forEach((value, index) => expect(hover.docs).toContain(`\`${String(value)}\`: ${smsChannel['x-enum-descriptions']![index]}`));
  });

  it('the enum type lists each value with its meaning, and stays the plain union of its values', () => {
    const hover = editor.hover(consumer, 'SmsChannel =');
    const smsChannel = schema('SmsChannel');
    smsChannel.enum!.forEach((value, index) => expect(hover.docs).toContain(`\`${String(value)}\`: ${smsChannel['x-enum-descriptions']![index]}`));
    const union = editor.hover(consumer, 'purpose:').type;
    for (const value of smsChannel.enum!) expect(union).toContain(`"${String(value)}"`);
  });
});
