/**
 * The PostgreSQL engine: many Stratus nodes sharing one database. Opening migrates (safe when
 * several nodes start at once), opens a small pool and one LISTEN connection for wake-ups.
 */
import type { Clock } from '../../shared/clock';
import { UserError } from '../../shared/errors';
import type { Engine } from '../types';
import { loadPg, numberTypes, openPool, unreachable } from './connection';
import { applyMigrations } from './migrate';
import { POSTGRES_MIGRATIONS } from './migrations/index';
import { createPostgresLogStore } from './logs/store';
import { createPostgresQueueStore } from './queues/store';
import { Wakeups } from './queues/wakeups';
import { QueueVacuum } from './queues/vacuum';
import { QueueRecordCache } from './queues/catalog-cache';
import { AvailabilitySignal } from '../sqlite/queues/signal';
import { createPostgresScheduleStateStore } from './schedules/store';
import { createPostgresTopicStore } from './topics/store';
import { createPostgresMailStore } from './mail/store';
import { createPostgresConnectionStore } from './connections/store';
import { createPostgresBucketStore } from './buckets/store';
import { createPostgresTableStore } from './tables/store';
import { createPostgresEventRuleStore } from './events/store';

export async function openPostgresEngine(url: string, options: { clock: Clock }): Promise<Engine> {
  const driver = await loadPg();
  const signal = new AvailabilitySignal();
  const subscribed = new Set<string>();
  const records = new QueueRecordCache(() => wakeups.listening);
  const wakeups = new Wakeups(driver, { connectionString: url, types: numberTypes(driver), application_name: 'stratus-listen' }, signal, () => subscribed, records);
  const pool = await openPool(url, (p) => wakeups.watchPool(p));
  const vacuum = new QueueVacuum(pool);
  const queues = createPostgresQueueStore(pool, signal, subscribed, vacuum, records);
  try {
    await applyMigrations(pool, POSTGRES_MIGRATIONS, options.clock);
    await wakeups.start();
  } catch (err) {
    await wakeups.close();
    await pool.end().catch(() => {});
    // A refused schema keeps its own message; anything else (lost connection, no privileges) says where.
    throw err instanceof UserError ? err : unreachable(url, err);
  }
  let closing: Promise<void> | undefined;
  return {
    backend: 'postgres',
    logs: createPostgresLogStore(pool, options.clock),
    queues,
    schedules: createPostgresScheduleStateStore(pool),
    topics: createPostgresTopicStore(pool),
    mail: createPostgresMailStore(pool),
    connections: createPostgresConnectionStore(pool),
    buckets: createPostgresBucketStore(pool),
    tables: createPostgresTableStore(pool),
    eventRules: createPostgresEventRuleStore(pool),
    // Idempotent: composition roots may close on both error and shutdown paths.
    close: () => (closing ??= Promise.all([wakeups.close(), vacuum.close()]).then(() => pool.end())),
  };
}
