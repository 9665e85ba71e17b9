/**
 * Opens the engine named by a URL. The backend is picked from one small table (backends.ts), so
 * callers never branch on the backend themselves.
 */
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Engine } from './types';
import { resolveBackend } from './backends';

export type * from './types';

export interface EngineOptions {
  /** Stamps `ingestionTime` and other server-side times. Defaults to the system clock. */
  clock?: Clock;
}

/** The default state location, relative to the folder of the template (see DESIGN.md). */
export const DEFAULT_ENGINE_URL = 'sqlite:.stratus/stratus.db';

/**
 * `sqlite:<path>` (relative paths resolve against the working directory; the folder is created),
 * `sqlite::memory:` for a private in-memory database, `postgres://user@host:port/db` for PostgreSQL (the `pg` driver is loaded only then).
 */
export async function openEngine(url: string, options: EngineOptions = {}): Promise<Engine> {
  const { backend, location } = resolveBackend(url);
  const open = await backend.load();
  return open(location, { clock: options.clock ?? systemClock });
}
