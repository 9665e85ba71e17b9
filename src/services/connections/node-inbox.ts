/**
 * Delivery between Stratus nodes that share one PostgreSQL engine: a socket lives on the node
 * that accepted it, but PostToConnection and DeleteConnection may arrive on any node. Each node
 * has an engine queue of its own (`stratus:ws-node:<node>`); a node that does not hold the socket
 * sends the request to the owner's queue, and the owner delivers it (woken by LISTEN/NOTIFY).
 *
 * Differs from AWS: a forwarded PostToConnection answers 200 once queued, so a connection that
 * closed in between loses the message silently instead of answering GoneException.
 */
import type { QueueStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';

/** Internal queue names hold a ':' so they never clash with an SQS queue name. */
export const NODE_INBOX_PREFIX = 'stratus:ws-node:';
/** Forwarded requests older than this are dropped (a client waiting longer has given up). */
const RETENTION_MS = 5 * 60_000;
const LEASE_MS = 30_000;
const RETRY_MS = 1_000;

export type ForwardedRequest = { op: 'post'; connectionId: string; data: string } | { op: 'delete'; connectionId: string };

export interface NodeInboxOptions {
  store: QueueStore;
  clock: Clock;
  node: string;
  deliver(request: ForwardedRequest): Promise<void>;
  onError(err: unknown): void;
}

export class NodeInbox {
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly o: NodeInboxOptions) {}

  static queueOf(node: string): string {
    return `${NODE_INBOX_PREFIX}${node}`;
  }

  async start(): Promise<void> {
    await this.o.store.createQueue({ name: NodeInbox.queueOf(this.o.node), settings: { fifo: false, retentionMs: RETENTION_MS }, attributes: {} }, this.o.clock.now());
    this.loop = this.consume();
  }

  /** False when the owner has no inbox (it stopped): the connection is gone with it. */
  async forward(owner: string, request: ForwardedRequest): Promise<boolean> {
    const queue = NodeInbox.queueOf(owner);
    if (!(await this.o.store.getQueue(queue))) return false;
    await this.o.store.send(queue, [{ body: JSON.stringify(request), delayMs: 0 }], this.o.clock.now());
    return true;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    await this.o.store.deleteQueue(NodeInbox.queueOf(this.o.node)).catch(this.o.onError);
  }

  private async consume(): Promise<void> {
    const { store, clock } = this.o;
    const queue = NodeInbox.queueOf(this.o.node);
    while (!this.stopping.signal.aborted) {
      const woken = new AbortController();
      const unsubscribe = store.onAvailable(queue, () => woken.abort());
      const stop = () => woken.abort();
      this.stopping.signal.addEventListener('abort', stop, { once: true });
      try {
        const { messages, nextVisibleAt } = await store.receive(queue, { max: 10, visibilityTimeoutMs: LEASE_MS, now: clock.now() });
        if (messages.length === 0) {
          await clock.sleepUntil(nextVisibleAt ?? Number.MAX_SAFE_INTEGER, woken.signal).catch(() => undefined);
          continue;
        }
        for (const m of messages) await this.o.deliver(JSON.parse(m.body) as ForwardedRequest).catch(this.o.onError);
        await store.delete(queue, messages.map((m) => m.receiptHandle), clock.now());
      } catch (err) {
        if (this.stopping.signal.aborted) return;
        this.o.onError(err);
        await clock.sleepUntil(clock.now() + RETRY_MS, this.stopping.signal).catch(() => undefined);
      } finally {
        unsubscribe();
        this.stopping.signal.removeEventListener('abort', stop);
      }
    }
  }
}
