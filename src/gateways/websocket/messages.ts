/**
 * One client message through its route: selection, the integration, and what goes back on the
 * socket. No matching route and no $default gets API Gateway's error frame
 * `{"message": "Forbidden", "connectionId": …, "requestId": …}`; a failing integration
 * `{"message": "Internal server error", …}`. A two-way route (one with a RouteResponse) sends the
 * integration's `body` back to the client.
 */
import type { FunctionInvoker } from '../../services/functions/types';
import type { WebSocketRouteSpec } from '../../template/model';
import { DEFAULT_ROUTE, type RouteSelector } from './route-selection';

const INTEGRATION_TIMEOUT_MS = 29_000;
/** Route keys a message can never select. */
const CONNECTION_ROUTES = new Set(['$connect', '$disconnect']);

export interface MessageRouting {
  routes: Map<string, WebSocketRouteSpec>;
  select: RouteSelector;
  invoker: FunctionInvoker;
}

export interface RoutedMessage {
  connectionId: string;
  requestId: string;
  data: Buffer;
  binary: boolean;
}

/** Returns what to send back to the client, if anything. `buildEvent` makes the MESSAGE event for the chosen route key. */
export async function routeMessage(r: MessageRouting, m: RoutedMessage, buildEvent: (routeKey: string) => unknown): Promise<string | undefined> {
  const selected = r.select(m.data, m.binary);
  const route = (!CONNECTION_ROUTES.has(selected) && r.routes.get(selected)) || r.routes.get(DEFAULT_ROUTE);
  const errorFrame = (message: string) => JSON.stringify({ message, connectionId: m.connectionId, requestId: m.requestId });
  if (!route) return errorFrame('Forbidden');
  if (!route.functionLogicalId) return errorFrame('Internal server error');
  let outcome;
  try {
    outcome = await r.invoker.invoke(route.functionLogicalId, JSON.stringify(buildEvent(route.routeKey)), { timeoutMs: INTEGRATION_TIMEOUT_MS });
  } catch {
    return errorFrame('Internal server error');
  }
  if (outcome.status !== 'success') return errorFrame('Internal server error');
  if (!route.twoWay) return undefined;
  return responseBody(outcome.payload);
}

/** A proxy result's `body`; a bare string result is sent as is. */
function responseBody(payload: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const body = (value as Record<string, unknown>).body;
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}
