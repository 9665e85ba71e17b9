/** Migration 0009: the schedule outbox, ticks claimed but not yet handed to the dispatcher (ScheduleStateStore). */
export const sql = /* sql */ `
-- A row is written by the same transaction that wins a tick's compare-and-set and deleted once
-- every target of the tick was handed to the dispatcher. A row whose lease_until has passed
-- belongs to a node that died mid-delivery: another node (or this one, restarted) re-leases it
-- and delivers the tick again, with the same payloads.
CREATE TABLE schedule_outbox (
  key         TEXT NOT NULL,
  tick        INTEGER NOT NULL,
  lease_until INTEGER NOT NULL,
  PRIMARY KEY (key, tick)
) WITHOUT ROWID;

CREATE INDEX schedule_outbox_lease ON schedule_outbox (lease_until);
`;
