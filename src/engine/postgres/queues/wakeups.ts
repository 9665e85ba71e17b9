/**
 * Cross-node wake-ups: one LISTEN connection per engine on AVAILABLE_CHANNEL (payload: the queue
 * name), fired into the same AvailabilitySignal the SQLite store uses. The commits of this engine
 * already fire the signal locally at once (so a listener sees its own send without a round trip);
 * their notifications, recognised by the sending backend's pid, are not fired a second time.
 * The same connection hears CHANGED_CHANNEL and drops this engine's cached queue record.
 *
 * If the connection drops (database restart), it reconnects with backoff and then fires every
 * subscribed queue once: notifications sent while it was away are lost, and a spurious wake-up
 * only costs a receive.
 */
import type pg from 'pg';
import type { AvailabilitySignal } from '../../sqlite/queues/signal';
import { AVAILABLE_CHANNEL } from './rows';
import { CHANGED_CHANNEL, type QueueRecordCache } from './catalog-cache';

const RECONNECT_MIN_MS = 100;
// Short: while it is down, other nodes' sends wake no one here (long polls wait their full time).
const RECONNECT_MAX_MS = 1_000;

export class Wakeups {
  private client: pg.Client | undefined;
  private closed = false;
  private retryMs = RECONNECT_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly ownPids = new Set<number>();

  constructor(
    private readonly driver: typeof pg,
    private readonly config: pg.ClientConfig,
    private readonly signal: AvailabilitySignal,
    private readonly subscribedQueues: () => Iterable<string>,
    private readonly records: QueueRecordCache,
  ) {}

  /** True while notifications are being heard (the queue record cache relies on it). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Tracks the pool's backends, whose notifications were already fired locally. */
  watchPool(pool: pg.Pool): void {
    pool.on('connect', (client) => {
      const pid = (client as unknown as { processID: number | null }).processID;
      if (pid !== null) this.ownPids.add(pid);
    });
    pool.on('remove', (client) => this.ownPids.delete((client as unknown as { processID: number }).processID));
  }

  async start(): Promise<void> {
    const client = new this.driver.Client(this.config);
    client.on('notification', (n) => {
      if (n.payload === undefined) return;
      if (n.channel === AVAILABLE_CHANNEL && !this.ownPids.has(n.processId)) this.signal.fire([n.payload]);
      else if (n.channel === CHANGED_CHANNEL) this.records.invalidate(n.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${AVAILABLE_CHANNEL}; LISTEN ${CHANGED_CHANNEL}`);
    // Changes announced while no one listened were missed: start from an empty cache.
    this.records.clear();
    this.client = client;
    this.retryMs = RECONNECT_MIN_MS;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private lost(client: pg.Client): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.records.clear();
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.retryTimer = setTimeout(() => {
      this.start().then(
        () => this.signal.fire(this.subscribedQueues()),
        () => {
          this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.retryTimer.unref();
  }
}
