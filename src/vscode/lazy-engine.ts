// The engine bundle, loaded on the first call rather than at activation. The bundler replaces
// PPR_ENGINE_BUNDLE with "./engine.js" (dist/engine.js beside dist/extension.js); compiled by
// tsc alone (type checks, tools) the module is required from source instead.
import type * as EngineModule from './engine-entry';

export type Engine = typeof EngineModule;

declare const PPR_ENGINE_BUNDLE: string | undefined;

let loaded: Engine | undefined;

/** Whether the engine bundle has been loaded yet. */
export function engineLoaded(): boolean {
  return loaded !== undefined;
}

export function engine(): Engine {
  // A computed path, so the bundler leaves this require to run time instead of inlining the engine.
  const source = typeof PPR_ENGINE_BUNDLE === 'string' ? PPR_ENGINE_BUNDLE : './engine-entry';
  loaded ??= require(source) as Engine;
  return loaded;
}
