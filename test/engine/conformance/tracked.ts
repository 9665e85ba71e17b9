/**
 * The opening every conformance part shares: an `open` that remembers each Engine it opened,
 * and an `after` hook of the calling `describe` that closes them all. Call it inside `describe`.
 */
import { after } from 'node:test';
import type { Engine } from '../../../src/engine/types';

/** `beforeClose` runs first in the hook (e.g. kills child processes still holding the database). */
export function trackedEngines(open: () => Promise<Engine>, beforeClose?: () => void): () => Promise<Engine> {
  const engines: Engine[] = [];
  after(async () => {
    beforeClose?.();
    for (const engine of engines) await engine.close();
  });
  return async () => {
    const engine = await open();
    engines.push(engine);
    return engine;
  };
}
