import { busNameOf } from '../arns';
import type { EventsContext } from '../context';
import { busNotFound, ruleNotFound } from '../errors';
import type { BusRecord, RuleRecord } from '../types';

export async function requireBus(ctx: EventsContext, nameOrArn: string | undefined): Promise<BusRecord> {
  const name = busNameOf(nameOrArn);
  const bus = await ctx.registry.getBus(name);
  if (!bus) throw busNotFound(name);
  return bus;
}

export async function requireRule(ctx: EventsContext, ruleName: string, busNameOrArn: string | undefined): Promise<RuleRecord> {
  const bus = await requireBus(ctx, busNameOrArn);
  const rule = await ctx.registry.getRule(bus.Name, ruleName);
  if (!rule) throw ruleNotFound(ruleName, bus.Name);
  return rule;
}

/** Stores a rule and tells the scheduler when it is a schedule rule. */
export async function saveRule(ctx: EventsContext, rule: RuleRecord): Promise<void> {
  await ctx.registry.putRule(rule);
  if (rule.ScheduleExpression !== undefined) await ctx.onScheduleRule?.({ kind: 'put', rule });
}
