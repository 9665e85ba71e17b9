/**
 * One open WebSocket connection: its messages, its limits (idle timeout, maximum duration, both
 * measured on the injectable clock so tests can move time), and its $disconnect when either side
 * closes. The socket is registered with the ConnectionService, which the management API uses.
 */
import { isUtf8 } from 'node:buffer';
import type { WebSocket, RawData } from 'ws';
import type { Clock } from '../../shared/clock';
import { CLOSE_CODES, IDLE_TIMEOUT_MS, MAX_CONNECTION_MS, gone, newGatewayId, type ConnectionService } from '../../services/connections';
import type { FunctionInvoker } from '../../services/functions/types';
import type { WebSocketRouteSpec } from '../../template/model';
import { disconnectEvent, messageEvent, type ConnectionFacts, type RequestIds } from './events';
import { routeMessage, type MessageRouting } from './messages';

export interface SessionOptions {
  facts: ConnectionFacts;
  ws: WebSocket;
  connections: ConnectionService;
  routing: MessageRouting;
  disconnectRoute?: WebSocketRouteSpec;
  invoker: FunctionInvoker;
  clock: Clock;
  onError(err: unknown): void;
  /** Tracks work still running (message and $disconnect invocations), so shutdown can wait for it. */
  track(work: Promise<unknown>): void;
}

export function runSession(o: SessionOptions): void {
  const { facts, ws } = o;
  const id = facts.connectionId;
  let lastActive = facts.connectedAt;
  let serverClose: { code: number; reason: string } | undefined;
  const timers = new AbortController();
  const ids = (): RequestIds => ({ requestId: newGatewayId(), extendedRequestId: newGatewayId(), at: o.clock.now() });
  const active = () => {
    lastActive = o.clock.now();
    o.track(o.connections.touch(id).catch(o.onError));
  };
  const closeFromServer = (code: number, reason: string) => {
    serverClose ??= { code, reason };
    ws.close(code, reason);
  };

  o.track(
    o.connections
      .opened(
        { connectionId: id, apiId: facts.apiId, stage: facts.stage, connectedAt: facts.connectedAt, sourceIp: facts.sourceIp, userAgent: facts.userAgent },
        {
          send: (data) =>
            new Promise<void>((resolve, reject) => {
              // Closing already: the connection is gone for the caller.
              if (ws.readyState !== ws.OPEN) return reject(gone(id));
              ws.send(data, { binary: !isUtf8(data) }, (err) => (err ? reject(gone(id)) : resolve()));
              lastActive = o.clock.now();
            }),
          close: closeFromServer,
        },
      )
      .catch(o.onError),
  );

  // A frame over 32 KB (frame-watch.ts): closed as API Gateway does, and that message is dropped.
  let tooBig = false;
  ws.once('frame-too-big', () => {
    tooBig = true;
    closeFromServer(CLOSE_CODES.messageTooBig, 'Message too big');
  });

  ws.on('message', (raw: RawData, binary: boolean) => {
    if (tooBig) return;
    const data = toBuffer(raw);
    active();
    const request = ids();
    const reply = routeMessage(o.routing, { connectionId: id, requestId: request.requestId, data, binary }, (routeKey) =>
      messageEvent(facts, request, routeKey, newGatewayId(), data, binary),
    ).then((answer) => {
      if (answer !== undefined && ws.readyState === ws.OPEN) ws.send(answer);
    });
    o.track(reply.catch(o.onError));
  });
  // Protocol errors (invalid UTF-8, a message over maxPayload, bad frames): ws closes the socket
  // with the right code; the error must not reach the process.
  ws.on('error', () => {});
  ws.on('close', (code: number, reason: Buffer) => {
    timers.abort();
    const closed = serverClose ?? { code, reason: code === CLOSE_CODES.noStatus ? 'Client-side close frame status not set' : reason.toString('utf8') };
    const done = o.connections.closed(id).then(async () => {
      if (!o.disconnectRoute?.functionLogicalId) return;
      const event = disconnectEvent(facts, ids(), closed.code, closed.reason);
      await o.invoker.invoke(o.disconnectRoute.functionLogicalId, JSON.stringify(event), { timeoutMs: 29_000 });
    });
    o.track(done.catch(o.onError));
  });

  void watchLimits();

  /** Closes with 1001 Going away at the idle timeout or the maximum duration, whichever comes first. */
  async function watchLimits(): Promise<void> {
    const deadline = facts.connectedAt + MAX_CONNECTION_MS;
    try {
      for (;;) {
        await o.clock.sleepUntil(Math.min(lastActive + IDLE_TIMEOUT_MS, deadline), timers.signal);
        const now = o.clock.now();
        if (now >= deadline) return closeFromServer(CLOSE_CODES.goingAway, 'Going away: the connection reached its maximum duration (2 hours)');
        if (now >= lastActive + IDLE_TIMEOUT_MS) return closeFromServer(CLOSE_CODES.goingAway, 'Going away: the connection was idle for 10 minutes');
      }
    } catch {
      // Aborted: the socket closed first.
    }
  }
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}
