/**
 * Applies pending migrations in one IMMEDIATE transaction. IMMEDIATE takes the write lock before
 * reading schema_migrations, so when two processes open a fresh file at once the second waits
 * (busy_timeout), then sees the versions the first applied and does nothing.
 */
import { UserError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import type { SqliteDatabase } from './connection';
import type { Migration } from './migrations/index';

const CREATE_TRACKING_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

/** Returns the versions applied by this call (empty when the schema was already current). */
export function applyMigrations(db: SqliteDatabase, migrations: readonly Migration[], clock: Clock): number[] {
  const run = db.transaction((): number[] => {
    db.exec(CREATE_TRACKING_TABLE);
    const applied = new Set(
      (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
    );
    assertNotNewer(applied, migrations);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, clock.now());
    }
    return pending.map((m) => m.version);
  });
  return run.immediate();
}

/** A file written by a newer Stratus has tables this build does not know how to keep consistent. */
function assertNotNewer(applied: Set<number>, migrations: readonly Migration[]): void {
  const latestKnown = Math.max(0, ...migrations.map((m) => m.version));
  const latestApplied = Math.max(0, ...applied);
  if (latestApplied > latestKnown) {
    throw new UserError(
      'EngineSchemaTooNew',
      `The state database has schema version ${latestApplied}, newer than this Stratus knows (${latestKnown}); upgrade Stratus or use another state folder.`,
    );
  }
}
