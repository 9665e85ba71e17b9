/** The SQLite engine: one file (or memory), migrated on open, shared safely between processes. */
import type { Clock } from '../../shared/clock';
import type { Engine } from '../types';
import { openDatabase } from './connection';
import { applyMigrations } from './migrate';
import { SQLITE_MIGRATIONS } from './migrations/index';
import { createSqliteLogStore } from './logs/store';
import { createSqliteQueueStore } from './queues/store';
import { createSqliteScheduleStateStore } from './schedules/store';
import { createSqliteTopicStore } from './topics/store';
import { createSqliteMailStore } from './mail/store';
import { createSqliteConnectionStore } from './connections/store';
import { createSqliteBucketStore } from './buckets/store';
import { createSqliteTableStore } from './tables/store';
import { createSqliteEventRuleStore } from './events/store';

export async function openSqliteEngine(location: string, options: { clock: Clock }): Promise<Engine> {
  const db = await openDatabase(location);
  try {
    applyMigrations(db, SQLITE_MIGRATIONS, options.clock);
  } catch (err) {
    db.close();
    throw err;
  }
  const logs = createSqliteLogStore(db, options.clock, db.memory ? undefined : db.name);
  return {
    backend: 'sqlite',
    schedules: createSqliteScheduleStateStore(db),
    queues: createSqliteQueueStore(db),
    topics: createSqliteTopicStore(db),
    mail: createSqliteMailStore(db),
    connections: createSqliteConnectionStore(db),
    buckets: createSqliteBucketStore(db),
    tables: createSqliteTableStore(db),
    eventRules: createSqliteEventRuleStore(db),
    logs,
    async close() {
      // Idempotent: composition roots may close on both error and shutdown paths.
      await logs.close();
      if (db.open) db.close();
    },
  };
}
