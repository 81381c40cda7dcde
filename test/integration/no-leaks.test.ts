// Planted credentials never reach what the editor shows (diagnostics, hovers, CodeLens, the report
// webview), and markup in file names or prompt text is escaped in the webview.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, exampleUri, extensionApi, waitFor } from './support/extension-api';

// Built from pieces so this file itself holds no key-shaped literal.
const KEYS = {
  anthropic: ['sk-ant-api03-', 'Zq7RkT2mVx9LpW4nHs8bYc3Jd6Fg1Ae5Ku0Oi'].join(''),
  openai: ['sk-proj-', 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY'].join(''),
  google: ['AIza', 'SyD4k8Lm2Nq6Rt0Vx3Zb7Cf1Hj5Kn9Pr2Tw'].join(''),
  aws: ['AKIA', 'QX7ZJ4M2N8P5R3T6'].join(''),
};
const MARKUP_DIR = 'leak-test-<img src=x onerror=alert(1)>';

function harvestScript(): string {
  return [
    'import anthropic',
    `client = anthropic.Anthropic(api_key="${KEYS.anthropic}")`,
    `OPENAI_KEY = "${KEYS.openai}"`,
    `GOOGLE_KEY = "${KEYS.google}"`,
    `AWS_ACCESS_KEY_ID = "${KEYS.aws}"`,
    'TOPICS = ["<script>alert(1)</script>", "b", "c"]',
    'with open("out.jsonl", "w") as f:',
    '    for topic in TOPICS:',
    `        r = client.messages.create(model="claude-sonnet-4-5", max_tokens=9, messages=[{"role": "user", "content": ` +
      `f"<b>{topic}</b> key ${KEYS.anthropic}"}])`,
    '        f.write(r.content[0].text)',
    '',
  ].join('\n');
}

function assertNoKey(where: string, text: string): void {
  for (const [kind, key] of Object.entries(KEYS)) {
    assert.ok(!text.includes(key) && !text.includes(key.slice(-12)), `${kind} key leaked into ${where}`);
  }
}

suite('no leaks in the editor', () => {
  const dir = () => exampleUri(MARKUP_DIR);
  const file = () => vscode.Uri.joinPath(dir(), 'harvest.py');

  suiteSetup(() => {
    fs.mkdirSync(dir().fsPath, { recursive: true });
    fs.writeFileSync(file().fsPath, harvestScript());
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    fs.rmSync(dir().fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
  });

  test('diagnostics, hover and CodeLens carry no planted key', async () => {
    const api = await extensionApi();
    const doc = await vscode.workspace.openTextDocument(file());
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor(
      'live diagnostics on the planted file',
      () => (api.live.collection.get(doc.uri)?.length ? api.live.collection.get(doc.uri) : undefined),
      15_000,
    );
    assertNoKey('diagnostics', JSON.stringify(diags.map((d) => [d.message, d.relatedInformation?.map((r) => r.message)])));
    const callLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('messages.create'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(callLine, doc.lineAt(callLine).text.indexOf('create') + 1),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(hoverText.length > 0, 'a hover on the call site');
    assertNoKey('hover', hoverText);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
    assertNoKey('CodeLens', JSON.stringify(lenses.map((l) => [l.command?.title, l.command?.tooltip, l.command?.arguments])));
  });

  test('the report webview escapes markup from file names and prompts and shows no key', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('promptPatternReview.scanWorkspace');
    assert.ok(
      api.scanner.lastScan[0].result.findings.some((f) => f.file.startsWith(MARKUP_DIR)),
      'the planted file was scanned',
    );
    api.report.panel?.dispose();
    await vscode.commands.executeCommand('promptPatternReview.openReport');
    const panel = await waitFor('the report panel', () => api.report.panel);
    const html = panel.webview.html;
    assertNoKey('report webview', html);
    assert.ok(!html.includes('<img src=x'), 'file name markup is escaped');
    assert.ok(!html.includes('<script>alert'), 'prompt markup is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the escaped file name is shown');
  });
});
