/*
 * Connections: metadata of the WebSocket connections the gateways hold (API Gateway's
 * @connections resource). The socket itself lives in the process that accepted it — `node` names
 * that process — while the record is shared, so GetConnection answers from any node and a
 * restarted node can drop what it held. Every time is passed in by the caller (epoch ms).
 */

export interface ConnectionRecord {
  connectionId: string;
  apiId: string;
  stage: string;
  /** The Stratus process holding the socket (a random id per start). */
  node: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent?: string;
}

export interface ConnectionStore {
  /** Records a new connection; a second add with the same id replaces nothing and returns false. */
  add(record: ConnectionRecord): Promise<boolean>;
  get(connectionId: string): Promise<ConnectionRecord | undefined>;
  /** Moves lastActiveAt forward (never back); false when the connection is unknown. */
  touch(connectionId: string, at: number): Promise<boolean>;
  /** False when it was already gone. */
  remove(connectionId: string): Promise<boolean>;
  /** Drops every connection a node held (its sockets died with it); returns how many. */
  removeByNode(node: string): Promise<number>;
  /** Connections of one API (all when omitted), oldest first. */
  list(apiId?: string): Promise<ConnectionRecord[]>;
}
