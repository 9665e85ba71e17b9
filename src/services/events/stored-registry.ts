/**
 * The registry kept in the engine (EventRuleStore): buses and rules made through the API survive a
 * restart, and every node sharing the database sees the same ones. Reads are answered from one
 * parsed copy of everything, re-read only when the store's version counter moved — so the hot
 * path (PutEvents: the bus's rules) costs one tiny read of the counter, and a change made on
 * another node is seen by the next read after it committed. This node's own writes drop the copy.
 *
 * Records handed out are frozen and shared: callers may not mutate them (they build new ones).
 */
import type { EventRuleStore } from '../../engine/types';
import type { EventsRegistry } from './registry';
import type { BusRecord, RuleRecord } from './types';

interface Parsed {
  version: number;
  buses: Map<string, BusRecord>;
  /** Per bus, ordered by name. */
  rules: Map<string, RuleRecord[]>;
}

export function createStoredRegistry(store: EventRuleStore): EventsRegistry {
  let parsed: Parsed | undefined;
  // Reads that start while a version read is in flight share it: a burst of PutEvents costs one.
  let versionRead: Promise<number> | undefined;

  const readVersion = () => {
    const read = (versionRead ??= store.version().finally(() => {
      if (versionRead === read) versionRead = undefined;
    }));
    return read;
  };
  const current = async (): Promise<Parsed> => {
    const version = await readVersion();
    if (parsed && parsed.version === version) return parsed;
    const fresh = parse(await store.snapshot());
    // A slower read must not replace a newer copy.
    if (!parsed || fresh.version >= parsed.version) parsed = fresh;
    return fresh;
  };
  const changed = () => {
    parsed = undefined;
    versionRead = undefined;
  };

  return {
    async getBus(name) {
      return (await current()).buses.get(name);
    },
    async listBuses() {
      return [...(await current()).buses.values()];
    },
    async putBus(bus) {
      await store.putBus({ name: bus.Name, body: JSON.stringify(bus), origin: 'api' });
      changed();
    },
    async deleteBus(name) {
      await store.deleteBus(name);
      changed();
    },
    async getRule(busName, ruleName) {
      return (await current()).rules.get(busName)?.find((rule) => rule.Name === ruleName);
    },
    async listRules(busName) {
      return [...((await current()).rules.get(busName) ?? [])];
    },
    async busRules(busName) {
      const now = await current();
      return now.buses.has(busName) ? (now.rules.get(busName) ?? []) : undefined;
    },
    async putRule(rule) {
      await store.putRule({ bus: rule.EventBusName, name: rule.Name, body: JSON.stringify(rule), origin: 'api' });
      changed();
    },
    async deleteRule(busName, ruleName) {
      await store.deleteRule(busName, ruleName);
      changed();
    },
    async adoptTemplate(buses, rules) {
      await store.adoptTemplate(buses, rules);
      changed();
    },
  };
}

function parse(snapshot: Awaited<ReturnType<EventRuleStore['snapshot']>>): Parsed {
  const buses = new Map<string, BusRecord>();
  for (const entry of snapshot.buses) {
    const bus = JSON.parse(entry.body) as BusRecord;
    bus.CreationTime = new Date(bus.CreationTime);
    bus.LastModifiedTime = new Date(bus.LastModifiedTime);
    buses.set(entry.name, deepFreeze(bus));
  }
  const rules = new Map<string, RuleRecord[]>();
  for (const entry of snapshot.rules) {
    const list = rules.get(entry.bus) ?? [];
    list.push(deepFreeze(JSON.parse(entry.body) as RuleRecord));
    rules.set(entry.bus, list);
  }
  return { version: snapshot.version, buses, rules };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
