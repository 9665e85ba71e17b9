/**
 * PutRule / DeleteRule with a ScheduleExpression (through the EventBridge API) become schedules:
 * the events service reports this node's changes, the schedules service runs them like template
 * rules. The rules are stored in the engine, so at start the stored ones are scheduled again, and
 * a change made on ANOTHER node (same database) is picked up by a light poll: every node runs
 * every schedule, and the engine's claimTick makes each tick fire once across them.
 */
import type { EventsService } from '../services/events';
import type { RuleRecord, ScheduleRuleChange } from '../services/events/types';
import type { ScheduleDefinition, ScheduleService } from '../services/schedules';
import { normalizeRule } from '../services/schedules/sources/rule';
import { AwsErrorLike } from './aws-error-like';

type Account = { region: string; accountId: string };

/** How often a node looks for schedule rules changed elsewhere (real time: one version read when nothing changed). */
export const SYNC_INTERVAL_MS = 1_000;

export class ScheduleRuleSync {
  /** Rule ARN → the rule's JSON as last scheduled here. */
  private readonly known = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** While the database is away every poll fails: say so once, not every second. */
  private failing = false;

  constructor(
    private readonly schedules: () => ScheduleService,
    private readonly events: () => EventsService,
    private readonly account: Account,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** The events service's listener: a change made through this node. */
  readonly listener = (change: ScheduleRuleChange): Promise<void> => this.serially(() => this.apply(change));

  /** The stored schedule rules, for the scheduler's start; remembered as scheduled. */
  async stored(): Promise<ScheduleDefinition[]> {
    const rules = await this.events().scheduleRules();
    for (const rule of rules) this.known.set(rule.Arn, JSON.stringify(rule));
    return rules.map((rule) => scheduleOfRule(rule, this.account));
  }

  start(intervalMs = SYNC_INTERVAL_MS): void {
    const poll = () =>
      this.serially(() => this.sync()).then(
        () => void (this.failing = false),
        (err) => {
          if (!this.failing) this.onError(err);
          this.failing = true;
        },
      );
    this.timer = setInterval(() => void poll(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => {});
  }

  /** Brings this node's schedules in line with the stored rules. */
  async sync(): Promise<void> {
    const rules = await this.events().scheduleRules();
    const seen = new Set<string>();
    for (const rule of rules) {
      seen.add(rule.Arn);
      if (this.known.get(rule.Arn) !== JSON.stringify(rule)) await this.apply({ kind: 'put', rule });
    }
    for (const arn of [...this.known.keys()]) {
      if (!seen.has(arn)) {
        this.known.delete(arn);
        await this.schedules().remove(arn);
      }
    }
  }

  private async apply(change: ScheduleRuleChange): Promise<void> {
    const { rule } = change;
    if (change.kind === 'delete') {
      this.known.delete(rule.Arn);
      return this.schedules().remove(rule.Arn);
    }
    const definition = scheduleOfRule(rule, this.account);
    this.known.set(rule.Arn, JSON.stringify(rule));
    await this.schedules().upsert(definition);
  }

  /** One change at a time: a poll and an API change must not interleave their upserts. */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.running.catch(() => {}).then(work);
    this.running = next;
    return next;
  }
}

/** The schedule an API-made rule stands for. */
export function scheduleOfRule(rule: RuleRecord, account: Account): ScheduleDefinition {
  return normalizeRule(
    {
      name: rule.Name,
      logicalId: rule.Name,
      properties: { ...rule } as Record<string, unknown>,
      fail: (path, reason) => new AwsErrorLike('ValidationException', `${path}: ${reason}`),
    },
    account,
  );
}
