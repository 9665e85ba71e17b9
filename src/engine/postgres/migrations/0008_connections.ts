/** Migration 0008 (PostgreSQL): WebSocket connections (ConnectionStore in engine/types/). */
export const sql = /* sql */ `
-- One row per open connection; node is the Stratus process holding the socket.
CREATE TABLE ws_connections (
  connection_id  TEXT PRIMARY KEY,
  api_id         TEXT NOT NULL,
  stage          TEXT NOT NULL,
  node           TEXT NOT NULL,
  connected_at   BIGINT NOT NULL,
  last_active_at BIGINT NOT NULL,
  source_ip      TEXT NOT NULL,
  user_agent     TEXT
);

CREATE INDEX ws_connections_node ON ws_connections (node);
CREATE INDEX ws_connections_api ON ws_connections (api_id, connected_at);
`;
