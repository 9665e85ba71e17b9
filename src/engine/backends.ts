/**
 * The one table of engine backends, chosen by URL scheme. Each entry loads its driver only when
 * asked for (dynamic import), so `stratus` never pays for a driver it does not use.
 */
import { UserError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import type { Engine } from './types';

export type BackendOpener = (location: string, options: { clock: Clock }) => Promise<Engine>;

interface BackendEntry {
  name: Engine['backend'];
  schemes: string[];
  load(): Promise<BackendOpener>;
}

const BACKENDS: BackendEntry[] = [
  {
    name: 'sqlite',
    schemes: ['sqlite:'],
    load: async () => (await import('./sqlite/open')).openSqliteEngine,
  },
  {
    name: 'postgres',
    schemes: ['postgres:', 'postgresql:'],
    // pg is loaded here, on first use of a postgres:// URL, never by a SQLite-only run.
    load: async () => (await import('./postgres/open')).openPostgresEngine,
  },
];

/** Splits `scheme:rest` and finds its backend; the location is what that backend understands. */
export function resolveBackend(url: string): { backend: BackendEntry; location: string } {
  const colon = url.indexOf(':');
  const scheme = colon > 0 ? url.slice(0, colon + 1).toLowerCase() : '';
  const backend = BACKENDS.find((b) => b.schemes.includes(scheme));
  if (!backend) {
    const known = BACKENDS.flatMap((b) => b.schemes.map((s) => `${s}…`)).join(', ');
    throw new UserError('EngineUrl', `Unknown engine URL "${url}": expected one of ${known}.`);
  }
  // Postgres drivers want the whole URL; SQLite wants only the path after the scheme.
  const location = backend.name === 'sqlite' ? url.slice(colon + 1) : url;
  return { backend, location };
}
