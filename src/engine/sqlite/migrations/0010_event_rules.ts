/** Migration 0010: EventBridge buses and rules made through the API (EventRuleStore in engine/types/). */
export const sql = /* sql */ `
-- body: the events service's JSON; origin: 'api' or 'template'.
CREATE TABLE event_buses (
  name   TEXT PRIMARY KEY,
  body   TEXT NOT NULL,
  origin TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE event_rules (
  bus    TEXT NOT NULL REFERENCES event_buses (name) ON DELETE CASCADE,
  name   TEXT NOT NULL,
  body   TEXT NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (bus, name)
) WITHOUT ROWID;

-- One row: bumped in the transaction of every change, so readers know when to re-read.
CREATE TABLE event_rules_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO event_rules_version (id, version) VALUES (1, 0);
`;
