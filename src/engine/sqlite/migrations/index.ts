/** The SQLite migrations, in order. Append new ones; never edit one that has shipped. */
import { sql as init } from './0001_init';
import { sql as queues } from './0002_queues';
import { sql as schedules } from './0003_schedules';
import { sql as topics } from './0004_topics';
import { sql as mail } from './0005_mail';
import { sql as buckets } from './0006_buckets';
import { sql as tables } from './0007_tables';
import { sql as connections } from './0008_connections';
import { sql as scheduleOutbox } from './0009_schedule_outbox';
import { sql as eventRules } from './0010_event_rules';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'queues', sql: queues },
  { version: 3, name: 'schedules', sql: schedules },
  { version: 4, name: 'topics', sql: topics },
  { version: 5, name: 'mail', sql: mail },
  { version: 6, name: 'buckets', sql: buckets },
  { version: 7, name: 'tables', sql: tables },
  { version: 8, name: 'connections', sql: connections },
  { version: 9, name: 'schedule-outbox', sql: scheduleOutbox },
  { version: 10, name: 'event-rules', sql: eventRules },
];
