/**
 * The PostgreSQL connection pool. Small on purpose: every engine statement is short, so a few
 * connections keep a node busy, and many nodes share one server's max_connections.
 */
import type pg from 'pg';
import { UserError } from '../../shared/errors';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;
/** A pool or a client inside a transaction: what a single statement runs on. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Connections per engine (the LISTEN connection is extra). */
export const POOL_SIZE = 6;
/** Idle pooled connections are closed after this, so quiet nodes hold few connections. */
const IDLE_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;

const INT8_OID = 20;

export async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default;
}

/**
 * BIGINT columns (times in epoch ms, ids) come back as numbers: every value the engine stores
 * stays below 2^53 (epoch ms for 285,000 years; ids from sequences), so nothing is rounded.
 */
export function numberTypes(driver: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? (value: string) => Number(value) : driver.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** `watch` sees the pool before its first connection (to track the pool's backends). */
export async function openPool(url: string, watch: (pool: PgPool) => void = () => {}): Promise<PgPool> {
  const driver = await loadPg();
  const pool = new driver.Pool({
    connectionString: url,
    max: POOL_SIZE,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: numberTypes(driver),
    application_name: 'stratus',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the
  // next query gets a fresh connection or reports the error to its caller.
  pool.on('error', () => {});
  watch(pool);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw unreachable(url, err);
  }
  return pool;
}

export function unreachable(url: string, err: unknown): UserError {
  const reason = err instanceof Error ? err.message : String(err);
  return new UserError('EngineUnavailable', `Cannot open the PostgreSQL engine at ${redact(url)}: ${reason}`);
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/**
 * Runs `work` on one pooled connection, and gives it back. While checked out, a connection lost
 * between two statements (database restart, failover, network) emits 'error' on the client,
 * which would crash the process if nobody listened: it is caught here, and the connection is
 * destroyed instead of going back to the pool.
 */
export async function withClient<T>(pool: PgPool, work: (client: PgClient, lost: () => Error | undefined) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => (lost ??= err);
  client.on('error', onError);
  try {
    return await work(client, () => lost);
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client, lost) => {
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      if (!lost()) await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  });
}
