/**
 * The $connect handshake: the upgrade stays pending while the $connect route's function runs; a
 * function that fails, or answers a statusCode outside 2xx, refuses the connection with an HTTP
 * response instead of the 101 ("Manage connected users and client apps: $connect and $disconnect
 * routes"). A template without a $connect route accepts every connection, as API Gateway does.
 *
 * Differs from AWS on purpose (unverified details): a refusal answers the function's own
 * statusCode when it is 4xx/5xx; a function that throws or times out gets 500 with
 * `{"message": "Internal server error"}`; a throttled one 429.
 */
import type { FunctionInvoker } from '../../services/functions/types';
import type { WebSocketRouteSpec } from '../../template/model';

export type ConnectDecision = { accept: true; protocol?: string } | { accept: false; status: number; body: string };

const INTEGRATION_TIMEOUT_MS = 29_000;

export async function runConnectRoute(route: WebSocketRouteSpec | undefined, invoker: FunctionInvoker, event: unknown): Promise<ConnectDecision> {
  if (!route) return { accept: true };
  if (!route.functionLogicalId) return refuse(500);
  let outcome;
  try {
    outcome = await invoker.invoke(route.functionLogicalId, JSON.stringify(event), { timeoutMs: INTEGRATION_TIMEOUT_MS });
  } catch {
    return refuse(500);
  }
  if (outcome.status === 'throttled') return { accept: false, status: 429, body: JSON.stringify({ message: 'Too Many Requests' }) };
  if (outcome.status !== 'success') return refuse(500);
  const result = parseResult(outcome.payload);
  const status = typeof result?.statusCode === 'number' ? result.statusCode : Number(result?.statusCode ?? 200);
  if (Number.isInteger(status) && status >= 200 && status < 300) return { accept: true, protocol: subprotocolOf(result?.headers) };
  const refusal = Number.isInteger(status) && status >= 400 && status < 600 ? status : 500;
  return { accept: false, status: refusal, body: typeof result?.body === 'string' ? result.body : '' };
}

function refuse(status: number): ConnectDecision {
  return { accept: false, status, body: JSON.stringify({ message: 'Internal server error' }) };
}

function parseResult(payload: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(payload);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A $connect answer that names a subprotocol agrees to it (the client's Sec-WebSocket-Protocol). */
function subprotocolOf(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'sec-websocket-protocol' && typeof value === 'string') return value;
  }
  return undefined;
}
