/**
 * Where buses and rules (with their targets) are kept: a small async port, so an engine-backed
 * store can replace the in-memory one without touching the operations. Implementations return
 * copies: callers may not mutate what is stored.
 *
 * Gap: the only implementation today keeps everything in memory, so buses and rules made through
 * the API are lost at a restart (template resources are rebuilt at every start anyway).
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
  };
}

/** Code-point order, as AWS lists names (not locale order). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
