/**
 * LogStore on PostgreSQL. Listing groups and streams reads the summary tables append maintains,
 * never log_events, so it stays instant however many lines are stored.
 */
import type { Clock } from '../../../shared/clock';
import type { LogGroupInfo, LogStore, LogStreamInfo } from '../../types';
import type { PgPool } from '../connection';
import { appendBatch } from './sql/append';
import { queryEvents } from './sql/query';

// starts_with rather than LIKE: group names contain `_`, a LIKE wildcard.
const LIST_GROUPS = `SELECT name, created_at, stored_events FROM log_groups WHERE starts_with(name, $1) ORDER BY name`;
const LIST_STREAMS = `SELECT log_group, name, first_event_at, last_event_at FROM log_streams WHERE log_group = $1 ORDER BY name`;
const CREATE_GROUP = `INSERT INTO log_groups (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`;

export function createPostgresLogStore(pool: PgPool, clock: Clock): LogStore {
  return {
    async append(events) {
      if (events.length > 0) await appendBatch(pool, events, clock.now());
    },
    query: (q) => queryEvents(pool, q),
    async groups(prefix = ''): Promise<LogGroupInfo[]> {
      const { rows } = await pool.query<{ name: string; created_at: number; stored_events: number }>(LIST_GROUPS, [prefix]);
      return rows.map((r) => ({ name: r.name, createdAt: r.created_at, storedEvents: r.stored_events }));
    },
    async streams(group): Promise<LogStreamInfo[]> {
      const { rows } = await pool.query<{ log_group: string; name: string; first_event_at: number; last_event_at: number }>(LIST_STREAMS, [group]);
      return rows.map((r) => ({ group: r.log_group, name: r.name, firstEventAt: r.first_event_at, lastEventAt: r.last_event_at }));
    },
    /** Idempotent: creating an existing group keeps it (the AWS wire layer reports the conflict). */
    async createGroup(name) {
      await pool.query(CREATE_GROUP, [name, clock.now()]);
    },
  };
}
