/**
 * LogStore on SQLite. better-sqlite3 is synchronous; the port is async so a networked backend
 * fits the same shape. Reads are short (one page) and run inline; appends move to a writer
 * thread of their own once logging is sustained, for a database file (writer-thread.ts).
 */
import type { Clock } from '../../../shared/clock';
import type { LogEventInput, LogQuery, LogStore } from '../../types';
import type { SqliteDatabase } from '../connection';
import { prepareAppend } from './sql/append';
import { prepareCatalog } from './sql/catalog';
import { prepareQuery } from './sql/query';
import { createThreadedAppend } from './writer-thread';

/** `filePath`: the database file, for the writer thread; absent (`:memory:`) appends stay inline. */
export function createSqliteLogStore(db: SqliteDatabase, clock: Clock, filePath?: string): LogStore & { close(): Promise<void> } {
  const inline = prepareAppend(db);
  const threaded = filePath ? createThreadedAppend(filePath, inline) : undefined;
  const query = prepareQuery(db);
  const catalog = prepareCatalog(db);
  return {
    async append(events: LogEventInput[]) {
      if (events.length === 0) return;
      if (threaded) await threaded.append(events, clock.now());
      else inline(events, clock.now());
    },
    close: async () => threaded?.close(),
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
