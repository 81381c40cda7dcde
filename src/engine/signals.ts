// The signals a finding can carry, and the points each adds to its score: the one list of signal
// keys. A key missing here does not compile, so a misspelt key can never score 0 silently.

/** Points each co-occurring signal adds to a finding's score; negative ones de-escalate, 0 only explains. */
export const SIGNAL_POINTS = {
  harvest: 20,
  'harvest-weak': 10,
  pairs: 5,
  training: 20,
  reasoning: 15,
  capability: 15,
  synthetic: 15,
  'bulk-request': 10,
  'multi-sample': 10,
  'multi-model': 10,
  'temperature-sweep': 5,
  logprobs: 10,
  preference: 10,
  fanout: 5,
  volume: 10,
  eval: -20,
  test: -10,
  // Evidence rules cite as their own reason; the rule's base severity already stands for it.
  attribution: 0,
  batch: 0,
  credentials: 0,
  endpoints: 0,
  extraction: 0,
  loop: 0,
  polling: 0,
  retry: 0,
  template: 0,
  trajectories: 0,
  wrapper: 0,
} as const satisfies Record<string, number>;

export type SignalKey = keyof typeof SIGNAL_POINTS;
