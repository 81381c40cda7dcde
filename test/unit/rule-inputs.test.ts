// A rule is handed only the inputs it declares in `reads` (src/engine/rule-inputs.ts). The
// declarations are checked against what the rules really read: every rule runs on every rule
// fixture workspace and the examples with a context that throws when an undeclared input is read,
// and each declared input must be read somewhere, so a declaration missing one is caught too.
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES, validateCatalog } from '../../src/engine/rules';
import { defineRule, type Rule, type RuleContext, type RuleInput } from '../../src/engine/rules/types';
import { inputsOf, ruleContext } from '../../src/engine/rule-inputs';
import { defaultConfig } from '../../src/engine/config';
import { lineAt } from '../../src/engine/scan';
import { repoPath, scanFolder } from './support/scan';

const TODAY = '2026-11-25';

class UndeclaredInput extends Error {
  constructor(readonly input: string) {
    super(`read the undeclared input "${input}"`);
  }
}

/** The context with every input, where reading one the rule did not declare throws. */
function guarded(context: RuleContext, reads: readonly RuleInput[]): RuleContext {
  return new Proxy(context, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(reads as readonly string[]).includes(key)) throw new UndeclaredInput(key);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** The input the rule read without declaring it on this workspace, if any. */
function undeclaredRead(rule: Pick<Rule, 'reads' | 'check'>, context: RuleContext): string | undefined {
  try {
    rule.check(guarded(context, rule.reads));
    return undefined;
  } catch (e) {
    if (e instanceof UndeclaredInput) return e.input;
    throw e;
  }
}

describe('rule inputs', function () {
  this.timeout(120_000);
  const workspaces = new Map<string, RuleContext>();

  before(async () => {
    const rules = repoPath('test', 'fixtures', 'rules');
    const dirs = [
      repoPath('examples'),
      ...readdirSync(rules)
        .map((d) => path.join(rules, d))
        .filter((d) => statSync(d).isDirectory()),
    ];
    for (const dir of dirs) {
      const scan = await scanFolder(dir, {}, TODAY);
      const context = ruleContext({
        files: scan.facts,
        lineText: (f, line) => lineAt(scan.texts.get(f) ?? '', line),
        config: defaultConfig(),
        today: TODAY,
      });
      workspaces.set(path.relative(repoPath(), dir), context);
    }
  });

  it('no rule reads an input it does not declare, on any fixture workspace', () => {
    const undeclared: string[] = [];
    for (const [name, context] of workspaces) {
      for (const rule of RULES) {
        const input = undeclaredRead(rule, context);
        if (input) undeclared.push(`${rule.meta.id} read "${input}" on ${name}`);
      }
    }
    assert.deepEqual(undeclared, []);
  });

  it('catches a declaration with any one of its inputs removed', () => {
    const uncaught: string[] = [];
    for (const rule of RULES) {
      for (const removed of rule.reads) {
        const copy = { ...rule, reads: rule.reads.filter((input) => input !== removed) };
        const caught = [...workspaces.values()].some((context) => undeclaredRead(copy, context) === removed);
        if (!caught) uncaught.push(`${rule.meta.id} without "${removed}"`);
      }
    }
    assert.deepEqual(uncaught, [], 'declared inputs no fixture workspace makes the rule read');
  });

  it('hands each rule an object with its declared inputs and no others', () => {
    const context = workspaces.get('examples')!;
    for (const rule of RULES) {
      const inputs = inputsOf(context, rule);
      assert.deepEqual(Object.keys(inputs).sort(), [...rule.reads].sort(), rule.meta.id);
      for (const name of rule.reads) assert.equal(inputs[name], context[name], `${rule.meta.id}: ${name}`);
    }
  });

  it('builds request workloads when first read, once', () => {
    const context = workspaces.get('examples')!;
    assert.equal(typeof Object.getOwnPropertyDescriptor(context, 'requestWorkloads')?.get, 'function');
    assert.equal(context.requestWorkloads, context.requestWorkloads);
  });

  it('rejects a rule that declares no input or an unknown one', () => {
    const [first] = RULES;
    assert.throws(() => validateCatalog([{ ...first, reads: [] }]), /declares no inputs/);
    assert.throws(() => validateCatalog([{ ...first, reads: ['workloads', 'prompts' as RuleInput] }]), /unknown input "prompts"/);
  });

  it('types check by the declaration: an undeclared input does not compile', () => {
    const rule = defineRule({
      meta: RULES[0].meta,
      reads: ['workloads'],
      check(context) {
        // @ts-expect-error: `index` is not declared in `reads`
        void context.index;
        return context.workloads.length ? [] : [];
      },
    });
    assert.deepEqual(rule.reads, ['workloads']);
  });
});
