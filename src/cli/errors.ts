// Errors the CLI reports as usage problems (exit code 2) with a one-line message, no stack.
export class UsageError extends Error {}
