/**
 * WebSocket connections: what the WebSocket gateway registers as sockets open and close, and
 * what the @connections management API (PostToConnection, GetConnection, DeleteConnection) acts
 * on. Metadata lives in the engine (ConnectionStore), so every node can answer GetConnection; the
 * socket lives in the process that accepted it (`sockets` here).
 *
 * On several nodes sharing PostgreSQL, a PostToConnection or DeleteConnection that arrives on a
 * node other than the socket's owner goes to the owner through the engine (node-inbox.ts).
 *
 * Not done yet: rows of a node that died without stopping stay until that node id starts again
 * (SQLite: the next start; PostgreSQL node ids are random per start, so they stay, and a forward
 * to the dead node's inbox is lost — a node that stopped cleanly answers GoneException).
 */
import type { Clock } from '../../shared/clock';
import type { ConnectionRecord, ConnectionStore } from '../../engine/types';
import { gone, payloadTooLarge } from './errors';
import { MAX_MESSAGE_BYTES } from './limits';
import type { QueueStore } from '../../engine/types';
import { NodeInbox, type ForwardedRequest } from './node-inbox';

/** The gateway's side of one open socket. */
const TOUCH_INTERVAL_MS = 1_000;

export interface LocalSocket {
  send(data: Buffer, binary: boolean): Promise<void>;
  /** Closes from the server side (DeleteConnection, limits); the gateway reports the close back. */
  close(code: number, reason: string): void;
}

/** Restricts an operation to one API and stage (the management API served on a WebSocket API's own port). */
export interface ConnectionScope {
  apiId: string;
  stage?: string;
}

export interface ConnectionInfo {
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent?: string;
}

export interface ConnectionServiceOptions {
  store: ConnectionStore;
  clock: Clock;
  /** This process's id in the store (`node` column). */
  node: string;
  /** Set when several nodes share the engine: requests for another node's sockets travel through its queue here. */
  forwardThrough?: QueueStore;
  onError?(err: unknown): void;
}

export class ConnectionService {
  private readonly sockets = new Map<string, LocalSocket>();
  /** When each local connection's lastActiveAt was last written. */
  private readonly touched = new Map<string, number>();
  private readonly inbox?: NodeInbox;

  constructor(private readonly o: ConnectionServiceOptions) {
    if (o.forwardThrough) {
      this.inbox = new NodeInbox({ store: o.forwardThrough, clock: o.clock, node: o.node, deliver: (r) => this.deliverForwarded(r), onError: o.onError ?? (() => {}) });
    }
  }

  get node(): string {
    return this.o.node;
  }

  /** Forgets connections this node id held before a restart: their sockets are gone. */
  async start(): Promise<void> {
    await this.o.store.removeByNode(this.o.node);
    await this.inbox?.start();
  }

  /** After the sockets closed: no more forwards to this node, and its rows go. */
  async stop(): Promise<void> {
    await this.inbox?.stop();
    this.sockets.clear();
    await this.o.store.removeByNode(this.o.node);
  }

  async opened(record: Omit<ConnectionRecord, 'node' | 'lastActiveAt'>, socket: LocalSocket): Promise<void> {
    this.sockets.set(record.connectionId, socket);
    await this.o.store.add({ ...record, node: this.o.node, lastActiveAt: record.connectedAt });
  }

  async closed(connectionId: string): Promise<void> {
    this.sockets.delete(connectionId);
    this.touched.delete(connectionId);
    await this.o.store.remove(connectionId);
  }

  /**
   * A message went either way: the connection is active. Written at most once a second per
   * connection, so a busy socket does not cost a database write per message.
   */
  async touch(connectionId: string): Promise<void> {
    const now = this.o.clock.now();
    if (now - (this.touched.get(connectionId) ?? 0) < TOUCH_INTERVAL_MS) return;
    if (this.sockets.has(connectionId)) this.touched.set(connectionId, now);
    await this.o.store.touch(connectionId, now);
  }

  isLocal(connectionId: string): boolean {
    return this.sockets.has(connectionId);
  }

  /** GetConnection. */
  async get(connectionId: string, scope?: ConnectionScope): Promise<ConnectionInfo> {
    const record = await this.find(connectionId, scope);
    return { connectedAt: record.connectedAt, lastActiveAt: record.lastActiveAt, sourceIp: record.sourceIp, userAgent: record.userAgent };
  }

  /** PostToConnection: the data goes to the client as one message (text when it is valid UTF-8, as API Gateway sends it). */
  async post(connectionId: string, data: Buffer, scope?: ConnectionScope): Promise<void> {
    if (data.length > MAX_MESSAGE_BYTES) throw payloadTooLarge(data.length, MAX_MESSAGE_BYTES);
    const record = await this.find(connectionId, scope);
    const socket = this.sockets.get(connectionId);
    if (!socket) return this.forward(record, { op: 'post', connectionId, data: data.toString('base64') });
    await socket.send(data, false);
    await this.touch(connectionId);
  }

  /** DeleteConnection: the server closes the socket; $disconnect follows as for any close. */
  async delete(connectionId: string, scope?: ConnectionScope): Promise<void> {
    const record = await this.find(connectionId, scope);
    const socket = this.sockets.get(connectionId);
    if (!socket) return this.forward(record, { op: 'delete', connectionId });
    // Gone at once for every later call, before the close handshake ends.
    this.sockets.delete(connectionId);
    await this.o.store.remove(connectionId);
    socket.close(1000, 'Connection closed by the server (DeleteConnection)');
  }

  /** Closes every local socket (Stratus stopping). */
  closeAll(code: number, reason: string): void {
    for (const socket of this.sockets.values()) socket.close(code, reason);
  }

  private async find(connectionId: string, scope?: ConnectionScope): Promise<ConnectionRecord> {
    const record = await this.o.store.get(connectionId);
    // A connection of another API (or stage) does not exist for this endpoint.
    if (!record || (scope && (record.apiId !== scope.apiId || (scope.stage !== undefined && record.stage !== scope.stage)))) throw gone(connectionId);
    return record;
  }

  /** The socket is on another node: hand the request to it, or the connection is gone. */
  private async forward(record: ConnectionRecord, request: ForwardedRequest): Promise<void> {
    if (record.node !== this.o.node && this.inbox && (await this.inbox.forward(record.node, request))) return;
    // No owner can deliver it (this node lost the socket, or the owner stopped): the row is stale.
    await this.o.store.remove(record.connectionId);
    throw gone(record.connectionId);
  }

  /** A request another node forwarded for one of this node's sockets. */
  private async deliverForwarded(request: ForwardedRequest): Promise<void> {
    const socket = this.sockets.get(request.connectionId);
    if (!socket) return;
    if (request.op === 'post') {
      await socket.send(Buffer.from(request.data, 'base64'), false);
      await this.touch(request.connectionId);
      return;
    }
    this.sockets.delete(request.connectionId);
    await this.o.store.remove(request.connectionId);
    socket.close(1000, 'Connection closed by the server (DeleteConnection)');
  }
}
