// How the library tables (evaluation runners, job drivers, process launchers) match an import:
// the module itself, or one of its submodules (`@trigger.dev/sdk/v3`, `apscheduler.schedulers.blocking`).

/** Whether an import source is `module` or one of its submodules. */
export function isFromModule(source: string, module: string): boolean {
  return source === module || source.startsWith(module + '/') || source.startsWith(module + '.');
}
