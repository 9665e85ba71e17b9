/**
 * WebSocket APIs: one loopback listener per API, on the ports after the HTTP APIs'.
 *
 * Ports: `reserveWebSocketPorts` listens first (the app needs each API's `ws://` URL before the
 * template is resolved, for `Fn::GetAtt Api.ApiEndpoint`); `serveWebSocketApis` then attaches the
 * APIs. With a first port of 0 each API gets an ephemeral port (tests). A client connects to
 * `ws://host:port/{stage}` (or `/`, the first stage); HTTP requests on the same port are the
 * management API (management-http.ts). Browsers connect as to API Gateway: any Origin, no auth.
 *
 * Not done yet / differs from AWS on purpose: authorizers, API keys and subprotocol checks beyond echoing
 * the one a $connect answer names; integration types other than AWS_PROXY to a template function;
 * route response selection (every RouteResponse sends the integration's body back); TLS (`wss://`).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { listen } from '../../shared/listen';
import { traceId } from '../http-api/ids';
import type { Clock } from '../../shared/clock';
import { CLOSE_CODES, MAX_MESSAGE_BYTES, newGatewayId, type ConnectionService } from '../../services/connections';
import type { FunctionInvoker } from '../../services/functions/types';
import type { WebSocketApiSpec } from '../../template/model';
import { runConnectRoute } from './connect';
import { connectEvent, type ConnectionFacts } from './events';
import { managementHandler } from './management-http';
import { compileRouteSelection } from './route-selection';
import { runSession } from './session';
import { watchFrameSizes } from './frame-watch';

export interface PortReservation {
  /** `ws://host:port` by API logical id. */
  urls: Record<string, string>;
  servers: Map<string, Server>;
  close(): Promise<void>;
}

export async function reserveWebSocketPorts(apiIds: string[], host: string, firstPort: number): Promise<PortReservation> {
  const servers = new Map<string, Server>();
  const urls: Record<string, string> = {};
  const close = async () => {
    await Promise.all([...servers.values()].map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
  };
  try {
    for (const [index, id] of apiIds.entries()) {
      // Until the API is attached, requests get 503 (the window is the template load).
      const server = createServer((_req, res) => res.writeHead(503).end());
      await listen(server, firstPort === 0 ? 0 : firstPort + index, host, '--port');
      servers.set(id, server);
      urls[id] = `ws://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { urls, servers, close };
}

export interface ServeWebSocketApisOptions {
  apis: WebSocketApiSpec[];
  reservation: PortReservation;
  connections: ConnectionService;
  invoker: FunctionInvoker;
  clock: Clock;
  onError(err: unknown): void;
}

export interface WebSocketApiServers {
  endpoints: { api: WebSocketApiSpec; url: string }[];
  /** Closes every connection with 1001 (their $disconnect runs), then the listeners. */
  close(): Promise<void>;
}

export function serveWebSocketApis(o: ServeWebSocketApisOptions): WebSocketApiServers {
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const wssList: WebSocketServer[] = [];
  const endpoints = o.apis.map((api) => {
    const server = o.reservation.servers.get(api.logicalId)!;
    const url = o.reservation.urls[api.logicalId]!;
    const wss = attachApi(server, api, new URL(url.replace(/^ws/, 'http')).host, o, track);
    wssList.push(wss);
    return { api, url };
  });
  return {
    endpoints,
    async close() {
      o.connections.closeAll(CLOSE_CODES.goingAway, 'Going away: Stratus is stopping');
      // Clients answer the close frames; their $disconnect invocations then join `pending`.
      await waitBriefly([Promise.all(wssList.map(allClosed))], 1_000);
      await waitBriefly([...pending], 2_000);
      for (const wss of wssList) for (const client of wss.clients) client.terminate();
      await o.reservation.close();
    },
  };
}

function attachApi(server: Server, api: WebSocketApiSpec, domainName: string, o: ServeWebSocketApisOptions, track: (w: Promise<unknown>) => void): WebSocketServer {
  const routes = new Map(api.routes.map((r) => [r.routeKey, r]));
  const routing = { routes, select: compileRouteSelection(api.routeSelectionExpression), invoker: o.invoker };
  const protocols = new WeakMap<IncomingMessage, string>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    handleProtocols: (offered, req) => {
      const agreed = protocols.get(req);
      return agreed !== undefined && offered.has(agreed) ? agreed : false;
    },
  });
  server.removeAllListeners('request');
  server.on('request', managementHandler({ connections: o.connections, apiId: api.apiId, stages: api.stages, onError: o.onError }));
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => {});
    const stage = stageOf(req.url ?? '/', api.stages);
    if (stage === undefined) return refuseUpgrade(socket, 403, JSON.stringify({ message: 'Forbidden' }));
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const facts: ConnectionFacts = {
      apiId: api.apiId,
      stage,
      domainName,
      connectionId: newGatewayId(),
      connectedAt: o.clock.now(),
      sourceIp: (socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      userAgent: req.headers['user-agent'],
    };
    const ids = { requestId: newGatewayId(), extendedRequestId: newGatewayId(), at: facts.connectedAt };
    const event = connectEvent(facts, ids, { headers: connectHeaders(req, facts), query });
    const decided = runConnectRoute(routes.get('$connect'), o.invoker, event).then((decision) => {
      if (socket.destroyed) return;
      if (!decision.accept) return refuseUpgrade(socket, decision.status, decision.body);
      if (decision.protocol !== undefined) protocols.set(req, decision.protocol);
      wss.handleUpgrade(req, socket, head, (ws) => {
        watchFrameSizes(socket, () => ws.emit('frame-too-big'));
        runSession({ facts, ws, connections: o.connections, routing, disconnectRoute: routes.get('$disconnect'), invoker: o.invoker, clock: o.clock, onError: o.onError, track });
      });
    });
    track(decided.catch((err) => (o.onError(err), refuseUpgrade(socket, 500, JSON.stringify({ message: 'Internal server error' })))));
  });
  return wss;
}

/** `/`, `/{stage}` or `/{stage}/`: the stage, or undefined for a path this API does not serve. */
function stageOf(url: string, stages: string[]): string | undefined {
  const path = url.split('?')[0]!.replace(/\/+$/, '');
  if (path === '') return stages[0];
  let name: string;
  try {
    name = decodeURIComponent(path.slice(1));
  } catch {
    return undefined;
  }
  return stages.includes(name) ? name : undefined;
}

/** The client's headers as sent, plus the forwarding headers API Gateway adds. */
function connectHeaders(req: IncomingMessage, facts: ConnectionFacts): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  const has = (name: string) => pairs.some(([k]) => k.toLowerCase() === name.toLowerCase());
  if (!has('X-Amzn-Trace-Id')) pairs.push(['X-Amzn-Trace-Id', traceId(facts.connectedAt)]);
  if (!has('X-Forwarded-For')) pairs.push(['X-Forwarded-For', facts.sourceIp]);
  if (!has('X-Forwarded-Port')) pairs.push(['X-Forwarded-Port', facts.domainName.split(':')[1] ?? '80']);
  if (!has('X-Forwarded-Proto')) pairs.push(['X-Forwarded-Proto', 'http']);
  return pairs;
}

function refuseUpgrade(socket: Socket, status: number, body: string): void {
  if (socket.destroyed) return;
  const reason = STATUS_TEXT[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\nx-amzn-RequestId: ${newGatewayId()}\r\n\r\n${body}`,
  );
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

function allClosed(wss: WebSocketServer): Promise<void> {
  const waits = [...wss.clients].map((client) => (client.readyState === client.CLOSED ? undefined : new Promise<void>((resolve) => client.once('close', () => resolve()))));
  return Promise.all(waits).then(() => undefined);
}

async function waitBriefly(work: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(work), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
