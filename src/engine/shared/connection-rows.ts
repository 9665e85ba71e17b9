/** The ws_connections row shape, shared by both backends. */
import type { ConnectionRecord } from '../types';

export interface ConnectionRow {
  connection_id: string;
  api_id: string;
  stage: string;
  node: string;
  connected_at: number;
  last_active_at: number;
  source_ip: string;
  user_agent: string | null;
}

export const CONNECTION_COLUMNS = 'connection_id, api_id, stage, node, connected_at, last_active_at, source_ip, user_agent';

export function toConnectionRecord(row: ConnectionRow | undefined): ConnectionRecord | undefined {
  if (!row) return undefined;
  const record: ConnectionRecord = {
    connectionId: row.connection_id,
    apiId: row.api_id,
    stage: row.stage,
    node: row.node,
    connectedAt: Number(row.connected_at),
    lastActiveAt: Number(row.last_active_at),
    sourceIp: row.source_ip,
  };
  if (row.user_agent !== null) record.userAgent = row.user_agent;
  return record;
}

export function connectionValues(r: ConnectionRecord): unknown[] {
  return [r.connectionId, r.apiId, r.stage, r.node, r.connectedAt, r.lastActiveAt, r.sourceIp, r.userAgent ?? null];
}
