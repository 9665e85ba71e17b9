/*
 * Schedule state: what a schedule tick needs to fire exactly once across restarts and nodes.
 * No leader: every node computes the same ticks and the one whose compare-and-set advances
 * `lastFired` fires (graphile-worker's known_crontabs idea). The claim also writes the tick to an
 * outbox, in the same statement or transaction, and delivery removes it: a node dying between
 * claim and delivery leaves the tick pending, and a live node redelivers it once its lease ends
 * (at least once; the payload is the same, so consumers deduplicate on the event id).
 */

export interface ScheduleStateRecord {
  /** The schedule's stable key (its ARN). */
  key: string;
  /** When Stratus first saw the schedule (epoch ms): a rule's rate() grid is anchored here. */
  createdAt: number;
  /** The latest tick (epoch ms, the nominal due time) some node claimed; undefined before the first. */
  lastFired?: number;
  /** Set when a one-time (at()) or ended schedule has nothing left to fire. */
  completedAt?: number;
}

/** A claimed tick whose targets were not all handed to the dispatcher yet. */
export interface PendingTick {
  key: string;
  /** The nominal tick (epoch ms), as claimed. */
  tick: number;
  /** Until then (epoch ms) the claiming node is presumed to be delivering it. */
  leaseUntil: number;
}

export interface ScheduleStateStore {
  /**
   * Records the schedule if unknown and returns its record. `createdAt` is kept from the FIRST
   * call, so a restart does not move a rate() grid.
   */
  register(key: string, createdAt: number): Promise<ScheduleStateRecord>;
  /**
   * Compare-and-set: advances `lastFired` to `tickAt` only if it is unset or older. True for the
   * one caller (of any process or node) that advanced it; inserts the record when missing.
   * With `leaseUntil`, the winning claim also records the tick as pending (atomically with the
   * claim) until markDelivered; after `leaseUntil` takeStaleTicks hands it to another caller.
   */
  claimTick(key: string, tickAt: number, leaseUntil?: number): Promise<boolean>;
  /** The tick's targets were all handed over: it is no longer pending (idempotent). */
  markDelivered(key: string, tickAt: number): Promise<void>;
  /**
   * Pending ticks whose lease ended at or before `now`, at most `limit`, oldest tick first, each
   * re-leased to `leaseUntil` in the same statement: of several callers (nodes) exactly one gets
   * a given tick per lease.
   */
  takeStaleTicks(now: number, leaseUntil: number, limit: number): Promise<PendingTick[]>;
  /** Every pending tick (leased or not), ordered by key then tick. */
  pendingTicks(): Promise<PendingTick[]>;
  lastFired(key: string): Promise<number | undefined>;
  get(key: string): Promise<ScheduleStateRecord | undefined>;
  /** Every record, ordered by key. */
  list(): Promise<ScheduleStateRecord[]>;
  /** Marks a schedule done (idempotent: the first completion time is kept). */
  markCompleted(key: string, at: number): Promise<void>;
}
