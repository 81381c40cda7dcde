// The manifest as VS Code loaded it: settings (resource scope), JSON validation of the config
// file, the walkthrough and its media, commands with a category, and localised strings.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support/extension-api';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return ext;
}

suite('manifest contributions', () => {
  test('every setting of the editor experience is contributed with resource scope', () => {
    const properties = extension().packageJSON.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const name of [
      'enable',
      'run',
      'debounce',
      'minimumSeverity',
      'severityLevels',
      'ruleCustomizations',
      'exclude',
      'maxFileSize',
      'codeLens.enable',
      'configFile',
    ]) {
      const key = `promptPatternReview.${name}`;
      assert.ok(properties[key], `${key} contributed`);
      assert.strictEqual(properties[key].scope, 'resource', `${key} is resource-scoped`);
    }
    assert.strictEqual(
      vscode.workspace.getConfiguration('promptPatternReview').get('run'),
      'onType',
      'defaults reach the configuration service',
    );
  });

  test('.promptreview.json is validated with the shipped schema', () => {
    const validations = extension().packageJSON.contributes.jsonValidation as { fileMatch: string | string[]; url: string }[];
    const entry = validations.find((v) => [v.fileMatch].flat().includes('.promptreview.json'));
    assert.ok(entry, 'a jsonValidation entry for .promptreview.json');
    const schema = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, entry.url), 'utf8'));
    assert.ok(schema.$schema || schema.properties, 'the URL resolves to a JSON schema in the extension');
  });

  test('the walkthrough has install, scan, document and pre-clear steps whose media exist', () => {
    const [walkthrough] = extension().packageJSON.contributes.walkthroughs as { steps: { id: string; media: { markdown: string } }[] }[];
    assert.deepStrictEqual(
      walkthrough.steps.map((s) => s.id),
      ['install', 'scan', 'document', 'preclear'],
    );
    for (const step of walkthrough.steps)
      assert.ok(fs.existsSync(path.join(extension().extensionPath, step.media.markdown)), step.media.markdown);
  });

  test('every walkthrough completion event names a command that exists (or a context key the extension sets)', async () => {
    const [walkthrough] = extension().packageJSON.contributes.walkthroughs as { steps: { id: string; completionEvents?: string[] }[] }[];
    const contributed = new Set((extension().packageJSON.contributes.commands as { command: string }[]).map((c) => c.command));
    const registered = new Set(await vscode.commands.getCommands(true));
    const source = fs.readFileSync(path.join(extension().extensionPath, 'dist', 'extension.js'), 'utf8');
    for (const step of walkthrough.steps) {
      for (const event of step.completionEvents ?? []) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) {
          assert.ok(registered.has(command), `${step.id}: ${command} is registered`);
          if (command.startsWith('promptPatternReview.')) assert.ok(contributed.has(command), `${step.id}: ${command} is contributed`);
        }
        const context = /^onContext:(.+)$/.exec(event)?.[1];
        if (context) assert.ok(source.includes(context), `${step.id}: the extension sets ${context}`);
      }
    }
    const events = walkthrough.steps.flatMap((s) => s.completionEvents ?? []);
    assert.ok(events.includes('onCommand:promptPatternReview.generateNote'), 'the pre-clear step ticks on the note command');
  });

  test('the trace setting of the output channel is contributed', () => {
    const properties = extension().packageJSON.contributes.configuration.properties as Record<
      string,
      { enum?: string[]; default?: string }
    >;
    assert.deepStrictEqual(properties['promptPatternReview.trace']?.enum, ['off', 'messages', 'verbose']);
    assert.strictEqual(properties['promptPatternReview.trace']?.default, 'off');
  });

  test('commands carry a category and every manifest string is localised', () => {
    const pkg = extension().packageJSON;
    for (const c of pkg.contributes.commands as { command: string; category?: string }[])
      assert.ok(c.category, `${c.command} has a category`);
    const nls = JSON.parse(fs.readFileSync(path.join(extension().extensionPath, 'package.nls.json'), 'utf8'));
    const raw = fs.readFileSync(path.join(extension().extensionPath, 'package.json'), 'utf8');
    const keys = [...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20, 'strings are %key% references');
    assert.deepStrictEqual(
      keys.filter((k) => !(k in nls)),
      [],
      'every key resolves',
    );
  });

  test('the Findings view lives in its own activity bar container', () => {
    const { views, viewsContainers } = extension().packageJSON.contributes;
    assert.ok(viewsContainers.activitybar.some((c: { id: string }) => c.id === 'promptPatternReview'));
    assert.ok(views.promptPatternReview.some((v: { id: string }) => v.id === 'promptPatternReview.findings'));
  });
});
