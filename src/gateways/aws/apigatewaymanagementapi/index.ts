/**
 * The API Gateway management API (`@connections`, signing name `execute-api`) on the edge port,
 * for clients that point ApiGatewayManagementApiClient at AWS_ENDPOINT_URL:
 * `POST|GET|DELETE /@connections/{ConnectionId}`, and `/{stage}/@connections/{ConnectionId}`
 * for an endpoint written as `<edge>/<stage>`. Connection ids are unique across APIs, so any
 * WebSocket API's connection is found here. The same operations are served on each WebSocket
 * API's own port (gateways/websocket/management-http.ts).
 *
 * Not done yet / differs on purpose: the stage in the path is not checked against the
 * connection's stage here (the edge serves every API); LimitExceededException (throttling) is
 * never sent.
 */
import type { ConnectionService } from '../../../services/connections';
import { runManagementOperation, type ManagementOperation } from '../../websocket/management';
import type { AwsServiceAdapter, RestRequest, RestRoute } from '../service';

export function apiGatewayManagementService(connections: ConnectionService): AwsServiceAdapter {
  const handle = (operation: ManagementOperation) => async (req: RestRequest) => {
    const result = await runManagementOperation(connections, operation, req.params.ConnectionId!, req.body);
    return { status: result.status, body: result.body };
  };
  const routes: RestRoute[] = [];
  for (const prefix of ['', '/{Stage}']) {
    routes.push(
      { method: 'POST', path: `${prefix}/@connections/{ConnectionId}`, operation: 'PostToConnection', handle: handle('PostToConnection') },
      { method: 'GET', path: `${prefix}/@connections/{ConnectionId}`, operation: 'GetConnection', handle: handle('GetConnection') },
      { method: 'DELETE', path: `${prefix}/@connections/{ConnectionId}`, operation: 'DeleteConnection', handle: handle('DeleteConnection') },
    );
  }
  return { signingName: 'execute-api', title: 'API Gateway Management API', tooLargeCode: 'PayloadTooLargeException', rest: { routes } };
}
