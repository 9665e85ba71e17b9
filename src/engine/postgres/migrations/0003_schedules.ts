/** Migration 0003 (PostgreSQL): schedule state (ScheduleStateStore in engine/types/). */
export const sql = /* sql */ `
-- last_fired is the compare-and-set cell: a node fires tick T only if its upsert moved
-- last_fired from below T to T, so each tick fires once however many nodes compute it.
CREATE TABLE schedule_state (
  key          TEXT PRIMARY KEY,
  created_at   BIGINT NOT NULL,
  last_fired   BIGINT,
  completed_at BIGINT
);
`;
