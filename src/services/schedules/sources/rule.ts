/**
 * AWS::Events::Rule with a ScheduleExpression → ScheduleDefinition. Rules are evaluated in UTC
 * and send the scheduled event, shaped per target by Input / InputPath / InputTransformer.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-rule.html
 */
import { TargetInputError, validateTargetInput, type TargetInput } from '../../events/patterns/input/index';
import type { DeliveryTarget } from '../../targets/types';
import { MAX_TARGETS_PER_RULE, TARGET_ID_PATTERN } from '../constants';
import type { ScheduleDefinition, ScheduleTarget } from '../definition';
import type { Fail, Props } from './validate';
import { checkExpression, isRecord, optionalRecord, optionalString, readRetryPolicy, readState, requiredString } from './validate';

export interface Account {
  region: string;
  accountId: string;
}

export interface RuleSource {
  name: string;
  logicalId: string;
  /** The rule's properties in CloudFormation shape (SAM Schedule events are translated to it). */
  properties: Props;
  fail: Fail;
}

export function ruleArn(account: Account, name: string): string {
  return `arn:aws:events:${account.region}:${account.accountId}:rule/${name}`;
}

export function normalizeRule(source: RuleSource, account: Account): ScheduleDefinition {
  const { properties: props, fail } = source;
  const expression = requiredString(props, 'ScheduleExpression', fail);
  checkExpression(expression, undefined, 'rule', fail);
  checkDefaultBus(props, fail);
  const arn = ruleArn(account, source.name);
  const definition: ScheduleDefinition = {
    key: arn,
    name: source.name,
    arn,
    logicalId: source.logicalId,
    kind: 'rule',
    expression,
    timezone: 'UTC',
    state: readState(props, fail, true),
    targets: readTargets(props, fail),
  };
  const description = optionalString(props, 'Description', fail);
  if (description !== undefined) definition.description = description;
  return definition;
}

/** PutRule: "ScheduleExpression is supported only on the default event bus." */
function checkDefaultBus(props: Props, fail: Fail): void {
  const bus = optionalString(props, 'EventBusName', fail);
  if (bus === undefined || bus === 'default' || bus.endsWith(':event-bus/default')) return;
  throw fail('EventBusName', `ScheduleExpression is supported only on the default event bus, not "${bus}"`);
}

function readTargets(props: Props, fail: Fail): ScheduleTarget[] {
  const targets = props.Targets ?? [];
  if (!Array.isArray(targets)) throw fail('Targets', 'Targets must be a list');
  if (targets.length > MAX_TARGETS_PER_RULE) {
    throw fail('Targets', `a rule has at most ${MAX_TARGETS_PER_RULE} targets, got ${targets.length}`);
  }
  const ids = new Set<string>();
  return targets.map((target, index) => {
    const at: Fail = (path, reason) => fail(`Targets[${index}].${path}`, reason);
    if (!isRecord(target)) throw fail(`Targets[${index}]`, 'a target must be a mapping with Id and Arn');
    const parsed = readTarget(target, at);
    if (ids.has(parsed.delivery.id!)) throw at('Id', `target Id "${parsed.delivery.id}" is used twice in this rule`);
    ids.add(parsed.delivery.id!);
    return parsed;
  });
}

function readTarget(target: Props, fail: Fail): ScheduleTarget {
  const id = requiredString(target, 'Id', fail);
  if (!TARGET_ID_PATTERN.test(id)) throw fail('Id', `target Id "${id}" must be 1-64 characters of letters, digits, '.', '-' and '_'`);
  const delivery: DeliveryTarget = { arn: requiredString(target, 'Arn', fail), id };
  const retryPolicy = readRetryPolicy(target, fail);
  if (retryPolicy) delivery.retryPolicy = retryPolicy;
  const deadLetterArn = optionalString(optionalRecord(target, 'DeadLetterConfig', fail) ?? {}, 'Arn', fail);
  if (deadLetterArn) delivery.deadLetterArn = deadLetterArn;
  const groupId = optionalString(optionalRecord(target, 'SqsParameters', fail) ?? {}, 'MessageGroupId', fail);
  if (groupId) delivery.messageGroupId = groupId;
  return { delivery, input: readInput(target, id, fail) };
}

/** Validated as PutTargets validates it, so a bad transformer fails at load, not at the first tick. */
function readInput(target: Props, id: string, fail: Fail): TargetInput {
  const input: { -readonly [K in keyof TargetInput]: TargetInput[K] } = {};
  const text = optionalString(target, 'Input', fail);
  if (text !== undefined) input.Input = text;
  const path = optionalString(target, 'InputPath', fail);
  if (path !== undefined) input.InputPath = path;
  const transformer = optionalRecord(target, 'InputTransformer', fail);
  if (transformer) input.InputTransformer = transformer as unknown as TargetInput['InputTransformer'];
  try {
    validateTargetInput(input, id);
  } catch (err) {
    if (err instanceof TargetInputError) throw fail('Input', err.message);
    throw err;
  }
  return input;
}
