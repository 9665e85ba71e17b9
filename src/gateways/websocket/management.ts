/**
 * The @connections management API (API Gateway Management API, version 2018-11-29) as
 * REST-JSON operations over the ConnectionService, shared by the edge port adapter
 * (gateways/aws/apigatewaymanagementapi) and each WebSocket API's own port:
 *   POST   /@connections/{connectionId}  PostToConnection: the body is the message → 200, empty
 *   GET    /@connections/{connectionId}  GetConnection → {connectedAt, identity, lastActiveAt}
 *   DELETE /@connections/{connectionId}  DeleteConnection → 204
 * Timestamps are ISO 8601 strings, as API Gateway sends them.
 */
import type { ConnectionScope, ConnectionService } from '../../services/connections';

export type ManagementOperation = 'PostToConnection' | 'GetConnection' | 'DeleteConnection';

export const MANAGEMENT_OPERATIONS: Record<string, ManagementOperation> = {
  POST: 'PostToConnection',
  GET: 'GetConnection',
  DELETE: 'DeleteConnection',
};

export interface ManagementResult {
  status: number;
  body?: Record<string, unknown>;
}

/** Runs one operation; throws ConnectionError (GoneException, PayloadTooLargeException) as data. */
export async function runManagementOperation(
  connections: ConnectionService,
  operation: ManagementOperation,
  connectionId: string,
  body: Buffer,
  scope?: ConnectionScope,
): Promise<ManagementResult> {
  switch (operation) {
    case 'PostToConnection':
      await connections.post(connectionId, body, scope);
      return { status: 200 };
    case 'GetConnection': {
      const info = await connections.get(connectionId, scope);
      const identity: Record<string, string> = { sourceIp: info.sourceIp };
      if (info.userAgent !== undefined) identity.userAgent = info.userAgent;
      return { status: 200, body: { connectedAt: new Date(info.connectedAt).toISOString(), identity, lastActiveAt: new Date(info.lastActiveAt).toISOString() } };
    }
    case 'DeleteConnection':
      await connections.delete(connectionId, scope);
      return { status: 204 };
  }
}
