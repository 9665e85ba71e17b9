/** ConnectionStore on PostgreSQL: one statement per method. */
import type { ConnectionStore } from '../../types';
import type { PgPool } from '../connection';
import { CONNECTION_COLUMNS, connectionValues, toConnectionRecord, type ConnectionRow } from '../../shared/connection-rows';

const INSERT = `INSERT INTO ws_connections (${CONNECTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (connection_id) DO NOTHING`;
const SELECT = `SELECT ${CONNECTION_COLUMNS} FROM ws_connections`;
// greatest(): a late, older touch never moves lastActiveAt back.
const TOUCH = `UPDATE ws_connections SET last_active_at = greatest(last_active_at, $1) WHERE connection_id = $2`;

export function createPostgresConnectionStore(pool: PgPool): ConnectionStore {
  return {
    add: async (record) => (await pool.query(INSERT, connectionValues(record))).rowCount === 1,
    get: async (id) => toConnectionRecord((await pool.query<ConnectionRow>(`${SELECT} WHERE connection_id = $1`, [id])).rows[0]),
    touch: async (id, at) => (await pool.query(TOUCH, [at, id])).rowCount === 1,
    remove: async (id) => (await pool.query('DELETE FROM ws_connections WHERE connection_id = $1', [id])).rowCount === 1,
    removeByNode: async (node) => (await pool.query('DELETE FROM ws_connections WHERE node = $1', [node])).rowCount ?? 0,
    list: async (apiId) => {
      const { rows } =
        apiId === undefined
          ? await pool.query<ConnectionRow>(`${SELECT} ORDER BY connected_at, connection_id`)
          : await pool.query<ConnectionRow>(`${SELECT} WHERE api_id = $1 ORDER BY connected_at, connection_id`, [apiId]);
      return rows.map((row) => toConnectionRecord(row)!);
    },
  };
}
