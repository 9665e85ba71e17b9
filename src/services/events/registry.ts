/**
 * Where buses and rules (with their targets) are kept: a small async port with two
 * implementations, the engine-backed one Stratus runs with (stored-registry.ts: durable, shared by
 * the nodes of one database) and the in-memory one below (for tests and embedding). Callers may
 * not mutate what they are handed: implementations return copies or frozen records.
 */
import type { BusRecord, RuleRecord } from './types';

export interface EventsRegistry {
  getBus(name: string): Promise<BusRecord | undefined>;
  listBuses(): Promise<BusRecord[]>;
  putBus(bus: BusRecord): Promise<void>;
  /** Deletes the bus and every rule on it. */
  deleteBus(name: string): Promise<void>;
  getRule(busName: string, ruleName: string): Promise<RuleRecord | undefined>;
  /** The bus's rules, ordered by name. */
  listRules(busName: string): Promise<RuleRecord[]>;
  /** Creates or replaces the rule (targets included). */
  putRule(rule: RuleRecord): Promise<void>;
  deleteRule(busName: string, ruleName: string): Promise<void>;
  /** The bus's rules, or undefined when the bus does not exist: PutEvents' one read per entry. */
  busRules(busName: string): Promise<RuleRecord[] | undefined>;
  /**
   * After the template was applied: the buses and rules named are the template's, and those the
   * template made at an earlier start but no longer names are deleted. Absent: nothing outlives
   * the process, so there is nothing to prune.
   */
  adoptTemplate?(buses: string[], rules: { bus: string; name: string }[]): Promise<void>;
}

export function createMemoryRegistry(): EventsRegistry {
  const buses = new Map<string, BusRecord>();
  const rules = new Map<string, Map<string, RuleRecord>>();
  const rulesOf = (bus: string) => rules.get(bus) ?? new Map<string, RuleRecord>();
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    async getBus(name) {
      const bus = buses.get(name);
      return bus && copy(bus);
    },
    async listBuses() {
      return [...buses.values()].sort((a, b) => compare(a.Name, b.Name)).map(copy);
    },
    async putBus(bus) {
      buses.set(bus.Name, copy(bus));
    },
    async deleteBus(name) {
      buses.delete(name);
      rules.delete(name);
    },
    async getRule(busName, ruleName) {
      const rule = rulesOf(busName).get(ruleName);
      return rule && copy(rule);
    },
    async listRules(busName) {
      return [...rulesOf(busName).values()].sort((a, b) => compare(a.Name, b.Name)).map(copy);
    },
    async putRule(rule) {
      const onBus = rules.get(rule.EventBusName) ?? new Map<string, RuleRecord>();
      onBus.set(rule.Name, copy(rule));
      rules.set(rule.EventBusName, onBus);
    },
    async deleteRule(busName, ruleName) {
      rules.get(busName)?.delete(ruleName);
    },
    async busRules(busName) {
      if (!buses.has(busName)) return undefined;
      return [...rulesOf(busName).values()].sort((a, b) => compare(a.Name, b.Name)).map(copy);
    },
  };
}

/** Code-point order, as AWS lists names (not locale order). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
