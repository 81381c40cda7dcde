// What the resolver says an expression is (an SDK module, an SDK object, a command, a workspace
// import) and what a resolved provider call looks like; shared by the binding pass and evaluator.
import type { Member, SdkSpec } from '../providers';
import type { ApiFamily, ParamRef, ProviderId, WorkspaceRef } from '../types';

export type Value =
  | { kind: 'module'; sdk: SdkSpec; path: string[] }
  /** An SDK object; `collection` when it stands for a list or map of such objects (a pool of clients). */
  | { kind: 'object'; sdk: SdkSpec; type: string; path: string[]; provider: ProviderId; host?: string; collection?: boolean }
  | { kind: 'command'; api: ApiFamily }
  /** Imported from a module that is not an SDK (maybe a workspace file): resolved across files later. */
  | { kind: 'workspace'; ref: WorkspaceRef }
  /** A parameter of the enclosing function: resolved from the callers' arguments later. */
  | { kind: 'param'; ref: ParamRef };

export interface ResolvedCall {
  sdk: SdkSpec;
  provider: ProviderId;
  api: ApiFamily;
  host?: string;
  member: Member & { api: ApiFamily };
}

/** The value reached by reading `segments` off `value` (`client` → `client.messages.create`). */
export function extend(value: Value, segments: string[]): Value {
  if (value.kind === 'command') return value;
  if (value.kind === 'workspace') return { kind: 'workspace', ref: { ...value.ref, segments: [...value.ref.segments, ...segments] } };
  if (value.kind === 'param') return { kind: 'param', ref: { ...value.ref, segments: [...value.ref.segments, ...segments] } };
  return { ...value, path: [...value.path, ...segments] };
}
