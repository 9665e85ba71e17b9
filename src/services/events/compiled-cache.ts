import { compileEventPattern, type EventPattern } from './patterns';
import { compileTargetInput, type InputShaper } from './patterns/input';
import type { TargetSpec } from './types';

/** Past this many entries a map is emptied: rules change rarely, so a reset costs little. */
const MAX_CACHED = 1_000;

/**
 * Compiled patterns and input shapers, keyed by their source text. Rules are read from the
 * registry on every PutEvents (so an engine-backed store shared by several nodes stays the truth);
 * the cache only saves recompiling what has not changed.
 */
export interface CompiledCache {
  pattern(text: string): EventPattern;
  shaper(target: TargetSpec): InputShaper;
}

export function createCompiledCache(): CompiledCache {
  const patterns = new Map<string, EventPattern>();
  const shapers = new Map<string, InputShaper>();
  return {
    pattern(text) {
      return remember(patterns, text, () => compileEventPattern(text));
    },
    shaper(target) {
      const { Id, Input, InputPath, InputTransformer } = target;
      const key = JSON.stringify([Id, Input, InputPath, InputTransformer]);
      return remember(shapers, key, () => compileTargetInput({ Input, InputPath, InputTransformer }, Id));
    },
  };
}

function remember<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_CACHED) map.clear();
    value = make();
    map.set(key, value);
  }
  return value;
}
