// Where a value is handed to a call: a positional argument, a keyword argument, or a property of
// an options object. Frameworks that call the user's function later (evaluation runners, job
// queues, schedulers) are told apart by the slot the function goes in.
import type { SyntaxNode } from '../parse/syntax-tree';
import { argumentsOf } from './syntax';

export interface Slot {
  call: SyntaxNode;
  /** A positional index or an option name. */
  slot: number | string;
  /** The options object the option sits in (TS/JS), to find the data next to it. */
  options?: SyntaxNode;
}

/** Where `value` is handed to a call: as a positional argument, a keyword argument or an option property. */
export function slotOf(value: SyntaxNode): Slot | undefined {
  const parent = value.parent;
  if (!parent) return undefined;
  if (parent.type === 'arguments' || parent.type === 'argument_list') {
    const call = parent.parent;
    if (!call) return undefined;
    const index = argumentsOf(call).positional.findIndex((a) => a.id === value.id);
    return index >= 0 ? { call, slot: index } : undefined;
  }
  if (parent.type === 'keyword_argument' && parent.childForFieldName('value')?.id === value.id) {
    const call = parent.parent?.parent;
    const name = parent.childForFieldName('name')?.text;
    return call && name ? { call, slot: name } : undefined;
  }
  if (parent.type === 'pair' && parent.childForFieldName('value')?.id === value.id) {
    const object = parent.parent;
    const args = object?.parent;
    const key = keyOf(parent);
    if (object?.type === 'object' && args?.type === 'arguments' && args.parent && key)
      return { call: args.parent, slot: key, options: object };
  }
  return undefined;
}

/** An option's name as written, without the quotes of `'task': …`. */
export function keyOf(pair: SyntaxNode): string | undefined {
  return pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
}
