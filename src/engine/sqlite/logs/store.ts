/**
 * LogStore on SQLite. better-sqlite3 is synchronous; the port is async so a networked backend
 * fits the same shape. Calls are short (one batch, one page), so running them inline is cheaper
 * than any hand-off to another thread.
 */
import type { Clock } from '../../../shared/clock';
import type { LogEventInput, LogQuery, LogStore } from '../../types';
import type { SqliteDatabase } from '../connection';
import { prepareAppend } from './sql/append';
import { prepareCatalog } from './sql/catalog';
import { prepareQuery } from './sql/query';

export function createSqliteLogStore(db: SqliteDatabase, clock: Clock): LogStore {
  const append = prepareAppend(db);
  const query = prepareQuery(db);
  const catalog = prepareCatalog(db);
  return {
    async append(events: LogEventInput[]) {
      if (events.length > 0) append(events, clock.now());
    },
    async query(q: LogQuery) {
      return query(q);
    },
    async groups(prefix = '') {
      return catalog.groups(prefix);
    },
    async streams(group: string) {
      return catalog.streams(group);
    },
    /** Idempotent: creating an existing group keeps it (the AWS wire layer reports the conflict). */
    async createGroup(name: string) {
      catalog.createGroup(name, clock.now());
    },
  };
}
