/**
 * Listing groups and streams. Both read the small summary tables that append maintains, never
 * log_events, so they stay instant however many lines are stored.
 */
import type { LogGroupInfo, LogStreamInfo } from '../../../types';
import type { SqliteDatabase } from '../../connection';

// Prefix match by substr rather than LIKE: group names contain `_` and `/`, which LIKE would
// need escaping for, and the group table is small enough that a scan is free.
const LIST_GROUPS = `
SELECT name, created_at, stored_events FROM log_groups
WHERE substr(name, 1, length(@prefix)) = @prefix ORDER BY name`;

const LIST_STREAMS = `
SELECT log_group, name, first_event_at, last_event_at FROM log_streams
WHERE log_group = ? ORDER BY name`;

const CREATE_GROUP = `INSERT INTO log_groups (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`;

export function prepareCatalog(db: SqliteDatabase) {
  const listGroups = db.prepare(LIST_GROUPS);
  const listStreams = db.prepare(LIST_STREAMS);
  const createGroup = db.prepare(CREATE_GROUP);
  return {
    groups(prefix: string): LogGroupInfo[] {
      const rows = listGroups.all({ prefix }) as { name: string; created_at: number; stored_events: number }[];
      return rows.map((r) => ({ name: r.name, createdAt: r.created_at, storedEvents: r.stored_events }));
    },
    streams(group: string): LogStreamInfo[] {
      const rows = listStreams.all(group) as {
        log_group: string;
        name: string;
        first_event_at: number;
        last_event_at: number;
      }[];
      return rows.map((r) => ({
        group: r.log_group,
        name: r.name,
        firstEventAt: r.first_event_at,
        lastEventAt: r.last_event_at,
      }));
    },
    createGroup(name: string, createdAt: number): void {
      createGroup.run(name, createdAt);
    },
  };
}
