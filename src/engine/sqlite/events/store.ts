/**
 * EventRuleStore on SQLite. Every change is one short transaction that also bumps the version
 * row, so another process sharing the file sees the counter move with the change itself.
 */
import type { EventBusEntry, EventRuleEntry, EventRuleStore } from '../../types';
import type { SqliteDatabase } from '../connection';

// Replacing keeps the origin: an API change to a template rule does not make it the API's.
const UPSERT_BUS = `
INSERT INTO event_buses (name, body, origin) VALUES (@name, @body, @origin)
ON CONFLICT (name) DO UPDATE SET body = excluded.body`;
const UPSERT_RULE = `
INSERT INTO event_rules (bus, name, body, origin) VALUES (@bus, @name, @body, @origin)
ON CONFLICT (bus, name) DO UPDATE SET body = excluded.body`;
const BUMP = `UPDATE event_rules_version SET version = version + 1 WHERE id = 1`;

export function createSqliteEventRuleStore(db: SqliteDatabase): EventRuleStore {
  const selectVersion = db.prepare(`SELECT version FROM event_rules_version WHERE id = 1`).pluck();
  const selectBuses = db.prepare(`SELECT name, body, origin FROM event_buses ORDER BY name`);
  const selectRules = db.prepare(`SELECT bus, name, body, origin FROM event_rules ORDER BY bus, name`);
  const upsertBus = db.prepare(UPSERT_BUS);
  const upsertRule = db.prepare(UPSERT_RULE);
  const deleteBus = db.prepare(`DELETE FROM event_buses WHERE name = ?`);
  const deleteRule = db.prepare(`DELETE FROM event_rules WHERE bus = ? AND name = ?`);
  const templateBuses = db.prepare(`SELECT name FROM event_buses WHERE origin = 'template'`).pluck();
  const templateRules = db.prepare(`SELECT bus, name FROM event_rules WHERE origin = 'template'`);
  const markBus = db.prepare(`UPDATE event_buses SET origin = 'template' WHERE name = ?`);
  const markRule = db.prepare(`UPDATE event_rules SET origin = 'template' WHERE bus = ? AND name = ?`);
  const bump = db.prepare(BUMP);

  const changing = <A extends unknown[], R>(work: (...args: A) => R) =>
    db.transaction((...args: A): R => {
      const result = work(...args);
      bump.run();
      return result;
    });
  const putBus = changing((bus: EventBusEntry) => void upsertBus.run(bus));
  const putRule = changing((rule: EventRuleEntry) => void upsertRule.run(rule));
  const removeBus = changing((name: string) => deleteBus.run(name).changes > 0);
  const removeRule = changing((bus: string, name: string) => deleteRule.run(bus, name).changes > 0);
  const adopt = changing((buses: string[], rules: { bus: string; name: string }[]) => {
    const keepBuses = new Set(buses);
    const keepRules = new Set(rules.map((r) => JSON.stringify([r.bus, r.name])));
    const gone = {
      buses: (templateBuses.all() as string[]).filter((name) => !keepBuses.has(name)),
      rules: (templateRules.all() as { bus: string; name: string }[]).filter((r) => !keepRules.has(JSON.stringify([r.bus, r.name]))),
    };
    for (const rule of gone.rules) deleteRule.run(rule.bus, rule.name);
    for (const name of gone.buses) deleteBus.run(name);
    for (const name of buses) markBus.run(name);
    for (const rule of rules) markRule.run(rule.bus, rule.name);
    return gone;
  });
  // One read transaction: the rows and the version they go with.
  const snapshot = db.transaction(() => ({
    version: selectVersion.get() as number,
    buses: selectBuses.all() as EventBusEntry[],
    rules: selectRules.all() as EventRuleEntry[],
  }));

  return {
    version: async () => selectVersion.get() as number,
    snapshot: async () => snapshot(),
    putBus: async (bus) => putBus(bus),
    deleteBus: async (name) => removeBus(name),
    putRule: async (rule) => putRule(rule),
    deleteRule: async (bus, name) => removeRule(bus, name),
    adoptTemplate: async (buses, rules) => adopt(buses, rules),
  };
}
