/** ConnectionStore on SQLite: one statement per method. */
import type { ConnectionStore } from '../../types';
import type { SqliteDatabase } from '../connection';
import { CONNECTION_COLUMNS, connectionValues, toConnectionRecord, type ConnectionRow } from '../../shared/connection-rows';

export function createSqliteConnectionStore(db: SqliteDatabase): ConnectionStore {
  const insert = db.prepare(`INSERT INTO ws_connections (${CONNECTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (connection_id) DO NOTHING`);
  const selectOne = db.prepare(`SELECT ${CONNECTION_COLUMNS} FROM ws_connections WHERE connection_id = ?`);
  const selectAll = db.prepare(`SELECT ${CONNECTION_COLUMNS} FROM ws_connections ORDER BY connected_at, connection_id`);
  const selectApi = db.prepare(`SELECT ${CONNECTION_COLUMNS} FROM ws_connections WHERE api_id = ? ORDER BY connected_at, connection_id`);
  // max(): a late, older touch never moves lastActiveAt back.
  const touch = db.prepare(`UPDATE ws_connections SET last_active_at = max(last_active_at, ?) WHERE connection_id = ?`);
  const remove = db.prepare(`DELETE FROM ws_connections WHERE connection_id = ?`);
  const removeByNode = db.prepare(`DELETE FROM ws_connections WHERE node = ?`);
  return {
    add: async (record) => insert.run(...connectionValues(record)).changes === 1,
    get: async (id) => toConnectionRecord(selectOne.get(id) as ConnectionRow | undefined),
    touch: async (id, at) => touch.run(at, id).changes === 1,
    remove: async (id) => remove.run(id).changes === 1,
    removeByNode: async (node) => removeByNode.run(node).changes,
    list: async (apiId) => ((apiId === undefined ? selectAll.all() : selectApi.all(apiId)) as ConnectionRow[]).map((row) => toConnectionRecord(row)!),
  };
}
