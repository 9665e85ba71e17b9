/*
 * Schedule state: what a schedule tick needs to fire exactly once across restarts and nodes.
 * No leader: every node computes the same ticks and the one whose compare-and-set advances
 * `lastFired` fires (graphile-worker's known_crontabs idea).
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

export interface ScheduleStateStore {
  /**
   * Records the schedule if unknown and returns its record. `createdAt` is kept from the FIRST
   * call, so a restart does not move a rate() grid.
   */
  register(key: string, createdAt: number): Promise<ScheduleStateRecord>;
  /**
   * Compare-and-set: advances `lastFired` to `tickAt` only if it is unset or older. True for the
   * one caller (of any process or node) that advanced it; inserts the record when missing.
   */
  claimTick(key: string, tickAt: number): Promise<boolean>;
  lastFired(key: string): Promise<number | undefined>;
  get(key: string): Promise<ScheduleStateRecord | undefined>;
  /** Every record, ordered by key. */
  list(): Promise<ScheduleStateRecord[]>;
  /** Marks a schedule done (idempotent: the first completion time is kept). */
  markCompleted(key: string, at: number): Promise<void>;
}
