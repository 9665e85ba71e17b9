/**
 * SAM function events `Schedule` (→ an implicit AWS::Events::Rule) and `ScheduleV2` (→ an implicit
 * AWS::Scheduler::Schedule), translated to CloudFormation shape the way SAM translates them and
 * then read by the same code as the explicit resources.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-schedule.html
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-schedulev2.html
 */
import type { FunctionSpec } from '../../../template/model';
import type { ScheduleDefinition } from '../definition';
import { normalizeRule, type Account } from './rule';
import { normalizeSchedule } from './scheduler';
import type { Fail, Props } from './validate';
import { optionalRecord, optionalString } from './validate';

export type EventFail = (logicalId: string, path: string, reason: string) => Error;

export function schedulesFromFunction(fn: FunctionSpec, account: Account, fail: EventFail): ScheduleDefinition[] {
  const out: ScheduleDefinition[] = [];
  for (const event of fn.events) {
    if (!('properties' in event)) continue;
    if (event.type !== 'Schedule' && event.type !== 'ScheduleV2') continue;
    const at: Fail = (path, reason) => fail(fn.logicalId, `Events.${event.name}.Properties.${path}`, reason);
    // SAM names the generated resource <FunctionLogicalId><EventName>.
    const generatedId = `${fn.logicalId}${event.name}`;
    const functionArn = `arn:aws:lambda:${account.region}:${account.accountId}:function:${fn.name}`;
    const context = { generatedId, functionArn, account, props: event.properties, fail: at, fn };
    out.push(event.type === 'Schedule' ? fromSchedule(context) : fromScheduleV2(context));
  }
  return out;
}

interface EventContext {
  generatedId: string;
  functionArn: string;
  account: Account;
  props: Props;
  fail: Fail;
  fn: FunctionSpec;
}

function fromSchedule({ generatedId, functionArn, account, props, fail, fn }: EventContext): ScheduleDefinition {
  const target: Props = {
    Id: optionalString(optionalRecord(props, 'Target', fail) ?? {}, 'Id', fail) ?? `${generatedId}LambdaTarget`,
    Arn: functionArn,
    Input: props.Input,
    RetryPolicy: props.RetryPolicy,
    DeadLetterConfig: deadLetterConfig(props, generatedId, account, fail),
  };
  const properties: Props = {
    ScheduleExpression: requiredValue(props, 'Schedule', fail),
    State: stateOf(props, fail),
    Description: props.Description,
    Targets: [target],
  };
  const name = optionalString(props, 'Name', fail) ?? generatedId;
  return normalizeRule({ name, logicalId: fn.logicalId, properties, fail: renameFail(fail) }, account);
}

function fromScheduleV2({ generatedId, functionArn, account, props, fail, fn }: EventContext): ScheduleDefinition {
  const properties: Props = {
    ...pick(props, ['ScheduleExpression', 'ScheduleExpressionTimezone', 'State', 'FlexibleTimeWindow', 'GroupName']),
    ...pick(props, ['StartDate', 'EndDate', 'Description']),
    Target: {
      Arn: functionArn,
      Input: props.Input,
      RetryPolicy: props.RetryPolicy,
      DeadLetterConfig: deadLetterConfig(props, generatedId, account, fail),
    },
  };
  const name = optionalString(props, 'Name', fail) ?? generatedId;
  return normalizeSchedule({ name, logicalId: fn.logicalId, properties, fail: targetFail(fail), windowRequired: false }, account);
}

/** SAM's `Schedule` property is the rule's ScheduleExpression; errors must name what the user wrote. */
function requiredValue(props: Props, key: string, fail: Fail): unknown {
  if (props[key] === undefined || props[key] === null) throw fail(key, `${key} is required`);
  return props[key];
}

/** Enabled (boolean) and State are alternatives; SAM rejects both at once. */
function stateOf(props: Props, fail: Fail): unknown {
  if (props.Enabled !== undefined && props.State !== undefined) throw fail('State', 'Enabled and State cannot both be specified');
  if (props.Enabled === undefined) return props.State;
  if (typeof props.Enabled !== 'boolean') throw fail('Enabled', 'Enabled must be true or false');
  return props.Enabled ? 'ENABLED' : 'DISABLED';
}

/**
 * DeadLetterConfig: an Arn, or Type SQS, for which SAM creates a queue named by QueueLogicalId
 * (default <FunctionLogicalId><EventName>Queue).
 */
function deadLetterConfig(props: Props, generatedId: string, account: Account, fail: Fail): Props | undefined {
  const config = optionalRecord(props, 'DeadLetterConfig', fail);
  if (!config) return undefined;
  const arn = optionalString(config, 'Arn', fail);
  if (arn) return { Arn: arn };
  const type = optionalString(config, 'Type', fail);
  if (type !== 'SQS') throw fail('DeadLetterConfig', 'DeadLetterConfig needs an Arn or Type: SQS');
  const queue = optionalString(config, 'QueueLogicalId', fail) ?? `${generatedId}Queue`;
  return { Arn: `arn:aws:sqs:${account.region}:${account.accountId}:${queue}` };
}

function pick(props: Props, keys: string[]): Props {
  return Object.fromEntries(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
}

/** Maps paths of the translated rule back to the event's own property names. */
function renameFail(fail: Fail): Fail {
  return (path, reason) => {
    if (path === 'ScheduleExpression') return fail('Schedule', reason);
    const target = /^Targets\[0\]\.(.*)$/.exec(path);
    if (target) return fail(target[1] === 'Id' ? 'Target.Id' : target[1], reason);
    return fail(path, reason);
  };
}

function targetFail(fail: Fail): Fail {
  return (path, reason) => fail(path.startsWith('Target.') ? path.slice('Target.'.length) : path, reason);
}
