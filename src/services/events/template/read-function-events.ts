/**
 * The rules SAM makes from a function's `EventBridgeRule` and `CloudWatchEvent` events
 * (samtranslator/model/eventsources/push.py, CloudWatchEvent; model/events.py;
 * model/eventbridge_utils.py): the rule's logical id is `<FunctionId><EventName>` (cut to 64
 * characters ending in "Event"), its one target invokes the function with the id
 * `<RuleLogicalId>LambdaTarget` (cut to 64) unless Target.Id is given. CloudFormation names the rule
 * RuleName if given; otherwise Stratus names it by its logical id, as it names every resource.
 */
import { TemplateError } from '../../../shared/errors';
import type { AppModel, FunctionSpec } from '../../../template/model';
import type { RuleState, TargetSpec } from '../types';
import type { TemplateRule } from './definitions';
import { patternText } from './read-resources';

/** "Event Rule Targets Id and Logical Id has maximum 64 characters limit" (SAM model/events.py). */
const MAX_ID_LENGTH = 64;
const RULE_ID_SUFFIX = 'Event';
const LAMBDA_TARGET_SUFFIX = 'LambdaTarget';
const EVENT_TYPES = new Set(['EventBridgeRule', 'CloudWatchEvent']);

export interface FunctionEventRules {
  rules: TemplateRule[];
  implicitQueues: string[];
}

export function readFunctionEventRules(model: AppModel): FunctionEventRules {
  const found: FunctionEventRules = { rules: [], implicitQueues: [] };
  for (const fn of model.functions) {
    for (const event of fn.events) {
      if (!EVENT_TYPES.has(event.type) || !('properties' in event)) continue;
      found.rules.push(readEvent(model, fn, event.name, event.type, event.properties, found.implicitQueues));
    }
  }
  return found;
}

function readEvent(
  model: AppModel,
  fn: FunctionSpec,
  eventName: string,
  type: string,
  props: Record<string, unknown>,
  implicitQueues: string[],
): TemplateRule {
  const path = `Events.${eventName}.Properties`;
  const fail = (message: string, key?: string) =>
    new TemplateError(message, { file: model.templatePath, logicalId: fn.logicalId, path: key ? `${path}.${key}` : path });
  const logicalId = ruleLogicalIdOf(fn.logicalId + eventName);
  if (props.Pattern === undefined) throw fail(`${type} event ${eventName} needs a Pattern`, 'Pattern');
  if (props.State !== undefined && props.Enabled !== undefined) throw fail('State and Enabled Properties cannot both be specified.');
  const target: TargetSpec = {
    Id: targetId(props.Target) ?? withSuffixWithin(logicalId, LAMBDA_TARGET_SUFFIX, MAX_ID_LENGTH),
    Arn: `arn:aws:lambda:${model.region}:${model.accountId}:function:${fn.name}`,
  };
  copyDefined(target, props, type === 'EventBridgeRule' ? ['Input', 'InputPath', 'InputTransformer', 'RetryPolicy'] : ['Input', 'InputPath', 'RetryPolicy']);
  if (props.DeadLetterConfig !== undefined) {
    target.DeadLetterConfig = { Arn: deadLetterArn(model, logicalId, props.DeadLetterConfig, fail, implicitQueues) };
  }
  return {
    logicalId: fn.logicalId,
    path,
    rule: {
      Name: typeof props.RuleName === 'string' ? props.RuleName : logicalId,
      EventPattern: patternText(props.Pattern),
      EventBusName: props.EventBusName as string | undefined,
      State: stateOf(props),
    },
    targets: [target],
  };
}

function stateOf(props: Record<string, unknown>): RuleState | undefined {
  if (props.Enabled !== undefined) return props.Enabled === false ? 'DISABLED' : 'ENABLED';
  return props.State as RuleState | undefined;
}

/** EventBridgeRuleUtils.validate_dlq_config and get_dlq_queue_arn_and_resources. */
function deadLetterArn(
  model: AppModel,
  ruleLogicalId: string,
  config: unknown,
  fail: (message: string, key?: string) => Error,
  implicitQueues: string[],
): string {
  const { Arn: arn, Type: type, QueueLogicalId: queueId } = (config ?? {}) as Record<string, unknown>;
  if (arn !== undefined && type !== undefined) throw fail("You can either define 'Arn' or 'Type' property of DeadLetterConfig.", 'DeadLetterConfig');
  if (arn === undefined && type === undefined) throw fail("No 'Arn' or 'Type' property provided for DeadLetterConfig.", 'DeadLetterConfig');
  if (arn !== undefined) return String(arn);
  if (type !== 'SQS') throw fail("The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.", 'DeadLetterConfig');
  if (queueId !== undefined && typeof queueId !== 'string') throw fail('QueueLogicalId must be a string', 'DeadLetterConfig');
  const queueName = queueId ?? `${ruleLogicalId}Queue`;
  implicitQueues.push(queueName);
  return `arn:aws:sqs:${model.region}:${model.accountId}:${queueName}`;
}

function targetId(target: unknown): string | undefined {
  const id = (target as { Id?: unknown } | undefined)?.Id;
  return typeof id === 'string' ? id : undefined;
}

/** SAM's _truncate_with_suffix: `id + suffix` when it fits, else id cut so that it does. */
function withSuffixWithin(id: string, suffix: string, maxLength: number): string {
  return id.length + suffix.length <= maxLength ? id + suffix : id.slice(0, maxLength - suffix.length) + suffix;
}

/** An over-long rule logical id is cut and ends in "Event" (SAM EventsRule.__init__). */
function ruleLogicalIdOf(id: string): string {
  return id.length <= MAX_ID_LENGTH ? id : withSuffixWithin(id.slice(0, MAX_ID_LENGTH - RULE_ID_SUFFIX.length), RULE_ID_SUFFIX, MAX_ID_LENGTH);
}

function copyDefined(target: TargetSpec, props: Record<string, unknown>, keys: (keyof TargetSpec)[]): void {
  for (const key of keys) if (props[key] !== undefined) (target as unknown as Record<string, unknown>)[key] = props[key];
}
