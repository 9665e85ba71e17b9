/**
 * Applies pending migrations in one transaction under a transaction-scoped advisory lock. When
 * several nodes start at once, one takes the lock and migrates; the others wait on the lock, then
 * read the versions it recorded and apply nothing. PostgreSQL DDL is transactional, so a failed
 * migration leaves no half-built schema.
 */
import { UserError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import { inTransaction, type PgPool } from './connection';
import type { Migration } from './migrations/index';

/** Arbitrary but fixed: every Stratus node must use the same key for the same database. */
const MIGRATION_LOCK_KEY = 7_347_210_915;

const CREATE_TRACKING_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** Returns the versions applied by this call (empty when the schema was already current). */
export async function applyMigrations(pool: PgPool, migrations: readonly Migration[], clock: Clock): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_TRACKING_TABLE);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    assertNotNewer(applied, migrations);
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        clock.now(),
      ]);
    }
    return pending.map((m) => m.version);
  });
}

/** A database written by a newer Stratus has tables this build does not know how to keep consistent. */
function assertNotNewer(applied: Set<number>, migrations: readonly Migration[]): void {
  const latestKnown = Math.max(0, ...migrations.map((m) => m.version));
  const latestApplied = Math.max(0, ...applied);
  if (latestApplied > latestKnown) {
    throw new UserError(
      'EngineSchemaTooNew',
      `The state database has schema version ${latestApplied}, newer than this Stratus knows (${latestKnown}); upgrade Stratus or use another database.`,
    );
  }
}
