/** Migration 0009 (PostgreSQL): the schedule outbox (ScheduleStateStore in engine/types/). */
export const sql = /* sql */ `
-- Written by the statement that wins a tick's compare-and-set, deleted once every target was
-- handed to the dispatcher; a row past lease_until is re-leased by a live node and redelivered.
CREATE TABLE schedule_outbox (
  key         TEXT NOT NULL,
  tick        BIGINT NOT NULL,
  lease_until BIGINT NOT NULL,
  PRIMARY KEY (key, tick)
);

CREATE INDEX schedule_outbox_lease ON schedule_outbox (lease_until);
`;
