/**
 * PutTargets, RemoveTargets, ListTargetsByRule (EventBridge API Reference). Targets are checked
 * when they are put (ARN form, FIFO queues' MessageGroupId, input settings), not when events flow.
 * Not done yet: target types' own parameters other than SqsParameters (Ecs, Kinesis, HTTP…) are
 * stored but not used; RoleArn is not checked.
 */
import type * as api from '../api';
import { MAX_TARGETS_PER_REQUEST, MAX_TARGETS_PER_RULE, MAX_TARGET_ID_LENGTH, TARGET_ID_PATTERN } from '../constants';
import type { EventsContext } from '../context';
import { asEventsError, EventsError, validationError } from '../errors';
import { page } from '../pagination';
import type { TargetSpec } from '../types';
import { checkName, checkRuleName } from '../validate';
import { requireRule, saveRule } from './lookup';

const TARGET_ARN = /^arn:[\w-]+:[\w-]+:[\w-]*:\d*:.+$/;

export async function putTargets(ctx: EventsContext, request: api.PutTargetsRequest): Promise<api.TargetsResponse> {
  const rule = await requireRule(ctx, checkRuleName(request.Rule, 'rule'), request.EventBusName);
  const targets = checkMemberCount(request.Targets, 'targets');
  const failures: api.TargetFailure[] = [];
  const accepted = new Map(rule.Targets.map((target) => [target.Id, target]));
  targets.forEach((target, index) => {
    checkName(target?.Id, `targets.${index + 1}.member.id`, TARGET_ID_PATTERN, '[\\.\\-_A-Za-z0-9]+', MAX_TARGET_ID_LENGTH);
    const failure = targetProblem(target);
    if (failure) return failures.push({ TargetId: target.Id, ErrorCode: 'ValidationException', ErrorMessage: failure });
    checkInput(ctx, target);
    accepted.set(target.Id, target);
  });
  // "Targets per rule: 5" (EventBridge quotas); the whole call fails, nothing is added.
  if (accepted.size > MAX_TARGETS_PER_RULE) {
    throw new EventsError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  }
  await saveRule(ctx, { ...rule, Targets: [...accepted.values()] });
  return { FailedEntryCount: failures.length, FailedEntries: failures };
}

function targetProblem(target: TargetSpec): string | undefined {
  if (typeof target.Arn !== 'string' || !TARGET_ARN.test(target.Arn)) {
    return `Parameter ${String(target.Arn)} is not valid. Reason: Provided Arn is not in correct format.`;
  }
  if (/^arn:[^:]+:sqs:/.test(target.Arn) && target.Arn.endsWith('.fifo') && !target.SqsParameters?.MessageGroupId) {
    return `Parameter(s) SqsParameters must be specified for target: ${target.Id}.`;
  }
  return undefined;
}

function checkInput(ctx: EventsContext, target: TargetSpec): void {
  try {
    ctx.compiled.shaper(target);
  } catch (err) {
    throw asEventsError(err);
  }
}

export async function removeTargets(ctx: EventsContext, request: api.RemoveTargetsRequest): Promise<api.TargetsResponse> {
  const rule = await requireRule(ctx, checkRuleName(request.Rule, 'rule'), request.EventBusName);
  const ids = checkMemberCount(request.Ids, 'ids');
  const present = new Set(rule.Targets.map((target) => target.Id));
  const failures = ids
    .filter((id) => !present.has(id))
    .map((id) => ({
      TargetId: id,
      ErrorCode: 'ResourceNotFoundException',
      ErrorMessage: `Rule '${rule.Name}' does not have a target with the Id '${id}'.`,
    }));
  const removing = new Set(ids);
  await saveRule(ctx, { ...rule, Targets: rule.Targets.filter((target) => !removing.has(target.Id)) });
  return { FailedEntryCount: failures.length, FailedEntries: failures };
}

export async function listTargetsByRule(ctx: EventsContext, request: api.ListTargetsByRuleRequest): Promise<api.ListTargetsByRuleResponse> {
  const rule = await requireRule(ctx, checkRuleName(request.Rule, 'rule'), request.EventBusName);
  const { items, next } = page(rule.Targets, request.NextToken, request.Limit);
  return next === undefined ? { Targets: items } : { Targets: items, NextToken: next };
}

function checkMemberCount<T>(members: T[] | undefined, member: string): T[] {
  if (!Array.isArray(members)) throw validationError(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  const bound =
    members.length < 1 ? 'greater than or equal to 1' : members.length > MAX_TARGETS_PER_REQUEST ? `less than or equal to ${MAX_TARGETS_PER_REQUEST}` : undefined;
  if (bound) {
    throw validationError(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return members;
}
