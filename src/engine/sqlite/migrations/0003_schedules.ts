/** Migration 0003: schedule state, one row per schedule (see ScheduleStateStore in engine/types/). */
export const sql = /* sql */ `
-- last_fired is the compare-and-set cell: a node fires tick T only if its UPDATE moved
-- last_fired from below T to T, so each tick fires once however many nodes compute it.
-- created_at anchors rate() grids and is never rewritten, so a restart keeps the grid.
CREATE TABLE schedule_state (
  key          TEXT PRIMARY KEY,
  created_at   INTEGER NOT NULL,
  last_fired   INTEGER,
  completed_at INTEGER
) WITHOUT ROWID;
`;
