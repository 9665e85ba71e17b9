/*
 * Event rules: EventBridge buses and rules (targets inside the rule) made through the API, so they
 * survive a restart and every node sharing the database sees the same ones. The body of a bus or
 * rule is the service's own JSON, stored as given. Every change bumps one `version` counter, so a
 * node keeps a parsed copy and re-reads only when the counter moved: one tiny read per check.
 *
 * `origin` says who made a row: the template (rebuilt at every start, so a rule removed from the
 * template goes away) or the API (kept until deleted). Replacing a row keeps its origin.
 */

export type EventRuleOrigin = 'api' | 'template';

export interface EventBusEntry {
  name: string;
  /** The service's JSON text for the bus. */
  body: string;
  origin: EventRuleOrigin;
}

export interface EventRuleEntry {
  bus: string;
  name: string;
  /** The service's JSON text for the rule, its targets included. */
  body: string;
  origin: EventRuleOrigin;
}

export interface EventRuleSnapshot {
  version: number;
  /** Ordered by name. */
  buses: EventBusEntry[];
  /** Ordered by bus, then name. */
  rules: EventRuleEntry[];
}

export interface EventRuleStore {
  /** The change counter: it moves on every change made by any process or node. */
  version(): Promise<number>;
  /** Everything, read consistently with the version it answers. */
  snapshot(): Promise<EventRuleSnapshot>;
  /** Creates or replaces the bus; an existing bus keeps its origin. */
  putBus(bus: EventBusEntry): Promise<void>;
  /** Deletes the bus and every rule on it; false if it did not exist. */
  deleteBus(name: string): Promise<boolean>;
  /** Creates or replaces the rule; an existing rule keeps its origin. */
  putRule(rule: EventRuleEntry): Promise<void>;
  deleteRule(bus: string, name: string): Promise<boolean>;
  /**
   * After a template load: the buses and rules named become template-owned, and template-owned
   * ones not named are deleted (a bus with its rules). Answers what was deleted.
   */
  adoptTemplate(buses: string[], rules: { bus: string; name: string }[]): Promise<{ buses: string[]; rules: { bus: string; name: string }[] }>;
}
