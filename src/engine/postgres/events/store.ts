/**
 * EventRuleStore on PostgreSQL. Each change is one statement whose data-modifying CTEs also bump
 * the version row (the row lock orders concurrent changes), so the counter moves in the same
 * commit as the change; the snapshot is one statement too, so its rows match its version.
 */
import type { EventBusEntry, EventRuleEntry, EventRuleStore } from '../../types';
import { inTransaction, type PgPool, type Queryable } from '../connection';

const BUMP = `UPDATE event_rules_version SET version = version + 1 WHERE id = 1`;

// Replacing keeps the origin: an API change to a template rule does not make it the API's.
const UPSERT_BUS = `
WITH up AS (INSERT INTO event_buses (name, body, origin) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET body = excluded.body RETURNING 1)
${BUMP}`;
const UPSERT_RULE = `
WITH up AS (INSERT INTO event_rules (bus, name, body, origin) VALUES ($1, $2, $3, $4) ON CONFLICT (bus, name) DO UPDATE SET body = excluded.body RETURNING 1)
${BUMP}`;
const DELETE_BUS = `
WITH del AS (DELETE FROM event_buses WHERE name = $1 RETURNING 1), bump AS (${BUMP} RETURNING 1)
SELECT count(*)::int AS n FROM del`;
const DELETE_RULE = `
WITH del AS (DELETE FROM event_rules WHERE bus = $1 AND name = $2 RETURNING 1), bump AS (${BUMP} RETURNING 1)
SELECT count(*)::int AS n FROM del`;
const SNAPSHOT = `
SELECT
  (SELECT version FROM event_rules_version WHERE id = 1) AS version,
  (SELECT coalesce(json_agg(json_build_object('name', name, 'body', body, 'origin', origin) ORDER BY name), '[]') FROM event_buses) AS buses,
  (SELECT coalesce(json_agg(json_build_object('bus', bus, 'name', name, 'body', body, 'origin', origin) ORDER BY bus, name), '[]') FROM event_rules) AS rules`;

export function createPostgresEventRuleStore(pool: PgPool): EventRuleStore {
  const deleted = async (db: Queryable, sql: string, params: unknown[]) => ((await db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0) > 0;
  return {
    version: async () => (await pool.query<{ version: number }>(`SELECT version FROM event_rules_version WHERE id = 1`)).rows[0]!.version,
    async snapshot() {
      const row = (await pool.query(SNAPSHOT)).rows[0] as { version: number; buses: EventBusEntry[]; rules: EventRuleEntry[] };
      // json_agg orders by the column's collation; the port promises code-point order.
      const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      row.buses.sort((a, b) => byCodePoint(a.name, b.name));
      row.rules.sort((a, b) => byCodePoint(a.bus, b.bus) || byCodePoint(a.name, b.name));
      return { version: Number(row.version), buses: row.buses, rules: row.rules };
    },
    async putBus(bus) {
      await pool.query(UPSERT_BUS, [bus.name, bus.body, bus.origin]);
    },
    deleteBus: (name) => deleted(pool, DELETE_BUS, [name]),
    async putRule(rule) {
      await pool.query(UPSERT_RULE, [rule.bus, rule.name, rule.body, rule.origin]);
    },
    deleteRule: (bus, name) => deleted(pool, DELETE_RULE, [bus, name]),
    adoptTemplate: (buses, rules) =>
      inTransaction(pool, async (client) => {
        // The version row first: it is the lock that orders this against every other change.
        await client.query(BUMP);
        const keepBuses = new Set(buses);
        const keepRules = new Set(rules.map((r) => JSON.stringify([r.bus, r.name])));
        const templateBuses = (await client.query<{ name: string }>(`SELECT name FROM event_buses WHERE origin = 'template'`)).rows;
        const templateRules = (await client.query<{ bus: string; name: string }>(`SELECT bus, name FROM event_rules WHERE origin = 'template'`)).rows;
        const gone = {
          buses: templateBuses.map((b) => b.name).filter((name) => !keepBuses.has(name)),
          rules: templateRules.filter((r) => !keepRules.has(JSON.stringify([r.bus, r.name]))).map((r) => ({ bus: r.bus, name: r.name })),
        };
        for (const rule of gone.rules) await client.query(`DELETE FROM event_rules WHERE bus = $1 AND name = $2`, [rule.bus, rule.name]);
        if (gone.buses.length > 0) await client.query(`DELETE FROM event_buses WHERE name = ANY($1)`, [gone.buses]);
        if (buses.length > 0) await client.query(`UPDATE event_buses SET origin = 'template' WHERE name = ANY($1)`, [buses]);
        for (const rule of rules) await client.query(`UPDATE event_rules SET origin = 'template' WHERE bus = $1 AND name = $2`, [rule.bus, rule.name]);
        return gone;
      }),
  };
}
