/**
 * The engine port: durable primitives with one interface and two backends (SQLite embedded,
 * PostgreSQL for several nodes). Every method is async so a networked backend fits the same
 * shape. One file per primitive; this file ties them into the Engine.
 */
import type { LogStore } from './logs';
import type { QueueStore } from './queues';
import type { ScheduleStateStore } from './schedules';
import type { TopicStore } from './topics';
import type { MailStore } from './mail';
import type { ConnectionStore } from './connections';
import type { BucketStore } from './buckets';
import type { TableStore } from './tables';
import type { EventRuleStore } from './event-rules';

export type * from './logs';
export type * from './queues';
export type * from './schedules';
export type * from './topics';
export type * from './mail';
export type * from './connections';
export type * from './buckets';
export type * from './tables';
export type * from './event-rules';

export interface Engine {
  readonly backend: 'sqlite' | 'postgres';
  readonly logs: LogStore;
  readonly queues: QueueStore;
  readonly schedules: ScheduleStateStore;
  readonly topics: TopicStore;
  readonly mail: MailStore;
  readonly connections: ConnectionStore;
  readonly buckets: BucketStore;
  readonly tables: TableStore;
  readonly eventRules: EventRuleStore;
  close(): Promise<void>;
}
