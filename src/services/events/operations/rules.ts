/**
 * PutRule, DeleteRule, DescribeRule, ListRules, EnableRule, DisableRule, TestEventPattern
 * (EventBridge API Reference). Rules with a ScheduleExpression are stored here like any rule and
 * handed to the scheduler through `onScheduleRule`; firing them is not this module's job.
 * Not done yet: tags, managed rules (ManagedBy), ListRuleNamesByTarget.
 */
import type * as api from '../api';
import { ruleArn } from '../arns';
import { DEFAULT_BUS_NAME } from '../constants';
import type { EventsContext } from '../context';
import { asEventsError, validationError } from '../errors';
import { page } from '../pagination';
import { testEventPattern as matchesTestEvent } from '../patterns';
import { parseScheduleExpression } from '../../schedules/expressions';
import type { RuleRecord, RuleState } from '../types';
import { checkDescription, checkRuleName, checkState, requireString } from '../validate';
import { requireBus, requireRule, saveRule } from './lookup';

export async function putRule(ctx: EventsContext, request: api.PutRuleRequest): Promise<{ RuleArn: string }> {
  const name = checkRuleName(request.Name);
  const bus = await requireBus(ctx, request.EventBusName);
  checkRuleBody(ctx, request, bus.Name);
  const previous = await ctx.registry.getRule(bus.Name, name);
  const rule: RuleRecord = {
    Name: name,
    Arn: ruleArn(ctx.partition, bus.Name, name),
    EventBusName: bus.Name,
    State: checkState(request.State),
    CreatedBy: ctx.partition.accountId,
    // PutRule replaces the rule's settings but keeps its targets (PutRule, "updating an existing rule").
    Targets: previous?.Targets ?? [],
  };
  copyDefined(rule, request, ['EventPattern', 'ScheduleExpression', 'Description', 'RoleArn']);
  if (previous?.ScheduleExpression !== undefined && rule.ScheduleExpression === undefined) {
    await ctx.onScheduleRule?.({ kind: 'delete', rule: previous });
  }
  await saveRule(ctx, rule);
  return { RuleArn: rule.Arn };
}

function checkRuleBody(ctx: EventsContext, request: api.PutRuleRequest, busName: string): void {
  checkDescription(request.Description);
  const { EventPattern: pattern, ScheduleExpression: schedule } = request;
  if (pattern === undefined && schedule === undefined) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (pattern !== undefined) compilePattern(ctx, pattern);
  if (schedule === undefined) return;
  if (busName !== DEFAULT_BUS_NAME) throw validationError('ScheduleExpression is supported only on the default event bus.');
  try {
    parseScheduleExpression(schedule, { dialect: 'rule' });
  } catch (err) {
    throw validationError((err as Error).message);
  }
}

export function compilePattern(ctx: EventsContext, pattern: string) {
  try {
    return ctx.compiled.pattern(pattern);
  } catch (err) {
    throw asEventsError(err);
  }
}

/** Deleting a rule that does not exist succeeds (DeleteRule: "all calls will succeed"). */
export async function deleteRule(ctx: EventsContext, request: api.DeleteRuleRequest): Promise<void> {
  const name = checkRuleName(request.Name);
  const bus = await requireBus(ctx, request.EventBusName);
  const rule = await ctx.registry.getRule(bus.Name, name);
  if (!rule) return;
  // "Before you can delete the rule, you must remove all targets" (DeleteRule); Force only
  // concerns rules managed by an AWS service.
  if (rule.Targets.length > 0) throw validationError("Rule can't be deleted since it has targets.");
  await ctx.registry.deleteRule(bus.Name, name);
  if (rule.ScheduleExpression !== undefined) await ctx.onScheduleRule?.({ kind: 'delete', rule });
}

export async function describeRule(ctx: EventsContext, request: api.RuleRef): Promise<api.RuleView> {
  const rule = await requireRule(ctx, checkRuleName(request.Name), request.EventBusName);
  return viewOf(rule, true);
}

export async function listRules(ctx: EventsContext, request: api.ListRulesRequest = {}): Promise<api.ListRulesResponse> {
  const bus = await requireBus(ctx, request.EventBusName);
  const prefix = request.NamePrefix ?? '';
  const rules = (await ctx.registry.listRules(bus.Name)).filter((rule) => rule.Name.startsWith(prefix));
  const { items, next } = page(rules, request.NextToken, request.Limit);
  const Rules = items.map((rule) => viewOf(rule, false));
  return next === undefined ? { Rules } : { Rules, NextToken: next };
}

export async function setRuleState(ctx: EventsContext, request: api.RuleRef, state: RuleState): Promise<void> {
  const rule = await requireRule(ctx, checkRuleName(request.Name), request.EventBusName);
  if (rule.State === state) return;
  await saveRule(ctx, { ...rule, State: state });
}

export function testEventPattern(request: api.TestEventPatternRequest): api.TestEventPatternResponse {
  const pattern = requireString(request.EventPattern, 'eventPattern');
  const event = requireString(request.Event, 'event');
  try {
    return { Result: matchesTestEvent(pattern, event) };
  } catch (err) {
    throw asEventsError(err);
  }
}

function viewOf(rule: RuleRecord, withCreator: boolean): api.RuleView {
  const { Targets: _targets, CreatedBy, ...view } = rule;
  return withCreator ? { ...view, CreatedBy } : view;
}

function copyDefined<K extends keyof api.PutRuleRequest & keyof RuleRecord>(rule: RuleRecord, request: api.PutRuleRequest, keys: K[]): void {
  for (const key of keys) {
    if (request[key] !== undefined) (rule as unknown as Record<string, unknown>)[key] = request[key];
  }
}
