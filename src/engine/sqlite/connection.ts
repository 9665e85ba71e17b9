/**
 * Opens one better-sqlite3 connection tuned for several Stratus processes sharing one file
 * (`stratus start` writing while `stratus logs` / `stratus invoke` read or write).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { UserError } from '../../shared/errors';

export type SqliteDatabase = BetterSqlite3.Database;

export const MEMORY_LOCATION = ':memory:';

/**
 * How long a connection waits for another process's write lock before failing with SQLITE_BUSY.
 * Writes here are short batches (milliseconds), so 5 s only trips on a stuck process.
 */
export const BUSY_TIMEOUT_MS = 5_000;

export async function openDatabase(location: string): Promise<SqliteDatabase> {
  const path = toFilePath(location);
  const { default: Database } = await import('better-sqlite3');
  if (path !== MEMORY_LOCATION) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // busy_timeout first: switching to WAL needs a lock another process may hold right now.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (path !== MEMORY_LOCATION) {
    // WAL: readers never block the writer and vice versa, which is what lets `stratus logs`
    // follow a file that `stratus start` keeps appending to.
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: commits are atomic and survive a process crash; only an OS crash or
    // power loss can drop the last commits. No fsync per transaction keeps batches cheap.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  return db;
}

/** `sqlite:<path>` and `sqlite:///abs/path` → a filesystem path; `:memory:` stays as is. */
function toFilePath(location: string): string {
  const path = location.startsWith('//') ? location.slice(2) : location;
  if (path === '') throw new UserError('EngineUrl', 'The sqlite: URL needs a path, e.g. sqlite:.stratus/stratus.db');
  return path === MEMORY_LOCATION ? path : resolve(path);
}
