/**
 * AWS::Scheduler::Schedule → ScheduleDefinition. Scheduler evaluates cron/at in
 * ScheduleExpressionTimezone, honours StartDate/EndDate and the flexible window, and sends the
 * target's Input as-is (no envelope for templated targets).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-scheduler-schedule.html
 */
import type { DeliveryTarget } from '../../targets/types';
import { DEFAULT_SCHEDULE_GROUP, FLEXIBLE_WINDOW_MINUTES_RANGE } from '../constants';
import type { ScheduleDefinition, ScheduleTarget } from '../definition';
import type { Account } from './rule';
import type { Fail, Props } from './validate';
import {
  checkExpression,
  checkJsonInput,
  optionalDate,
  optionalInteger,
  optionalRecord,
  optionalString,
  readRetryPolicy,
  readState,
  requiredString,
} from './validate';

export interface SchedulerSource {
  name: string;
  logicalId: string;
  properties: Props;
  fail: Fail;
  /** CloudFormation requires FlexibleTimeWindow; SAM's ScheduleV2 defaults it to OFF. */
  windowRequired: boolean;
}

/** Templated targets whose Input must be JSON (Scheduler API Target.Input). */
const JSON_INPUT_SERVICES = [':lambda:', ':states:', ':events:'];

export function scheduleArn(account: Account, group: string, name: string): string {
  return `arn:aws:scheduler:${account.region}:${account.accountId}:schedule/${group}/${name}`;
}

export function normalizeSchedule(source: SchedulerSource, account: Account): ScheduleDefinition {
  const { properties: props, fail } = source;
  const expression = requiredString(props, 'ScheduleExpression', fail);
  const timezone = optionalString(props, 'ScheduleExpressionTimezone', fail) ?? 'UTC';
  checkExpression(expression, timezone, 'scheduler', fail);
  const groupName = optionalString(props, 'GroupName', fail) ?? DEFAULT_SCHEDULE_GROUP;
  const arn = scheduleArn(account, groupName, source.name);
  const definition: ScheduleDefinition = {
    key: arn,
    name: source.name,
    arn,
    logicalId: source.logicalId,
    kind: 'scheduler',
    expression,
    timezone,
    state: readState(props, fail, false),
    targets: [readTarget(props, fail)],
    groupName,
  };
  const window = readWindow(props, fail, source.windowRequired);
  if (window !== undefined) definition.flexibleWindowMinutes = window;
  readDates(props, fail, definition);
  const action = optionalString(props, 'ActionAfterCompletion', fail) ?? 'NONE';
  if (action !== 'NONE' && action !== 'DELETE') throw fail('ActionAfterCompletion', `ActionAfterCompletion must be NONE or DELETE, got "${action}"`);
  if (action === 'DELETE') definition.deleteAfterCompletion = true;
  const description = optionalString(props, 'Description', fail);
  if (description !== undefined) definition.description = description;
  return definition;
}

/** Mode OFF → undefined; FLEXIBLE → its MaximumWindowInMinutes (required then). */
function readWindow(props: Props, fail: Fail, required: boolean): number | undefined {
  const window = optionalRecord(props, 'FlexibleTimeWindow', fail);
  if (!window) {
    if (required) throw fail('FlexibleTimeWindow', 'FlexibleTimeWindow is required (Mode OFF or FLEXIBLE)');
    return undefined;
  }
  const at: Fail = (path, reason) => fail(`FlexibleTimeWindow.${path}`, reason);
  const mode = requiredString(window, 'Mode', at);
  if (mode === 'OFF') return undefined;
  if (mode !== 'FLEXIBLE') throw at('Mode', `Mode must be OFF or FLEXIBLE, got "${mode}"`);
  const minutes = optionalInteger(window, 'MaximumWindowInMinutes', FLEXIBLE_WINDOW_MINUTES_RANGE, at);
  if (minutes === undefined) throw at('MaximumWindowInMinutes', 'MaximumWindowInMinutes is required when Mode is FLEXIBLE');
  return minutes;
}

function readDates(props: Props, fail: Fail, definition: ScheduleDefinition): void {
  const start = optionalDate(props, 'StartDate', fail);
  const end = optionalDate(props, 'EndDate', fail);
  if (start !== undefined && end !== undefined && end <= start) throw fail('EndDate', 'EndDate must be after StartDate');
  if (start !== undefined) definition.startDate = start;
  if (end !== undefined) definition.endDate = end;
}

function readTarget(props: Props, fail: Fail): ScheduleTarget {
  const target = optionalRecord(props, 'Target', fail);
  if (!target) throw fail('Target', 'Target is required');
  const at: Fail = (path, reason) => fail(`Target.${path}`, reason);
  const delivery: DeliveryTarget = { arn: requiredString(target, 'Arn', at) };
  const retryPolicy = readRetryPolicy(target, at);
  if (retryPolicy) delivery.retryPolicy = retryPolicy;
  const deadLetterArn = optionalString(optionalRecord(target, 'DeadLetterConfig', at) ?? {}, 'Arn', at);
  if (deadLetterArn) delivery.deadLetterArn = deadLetterArn;
  const groupId = optionalString(optionalRecord(target, 'SqsParameters', at) ?? {}, 'MessageGroupId', at);
  if (groupId) delivery.messageGroupId = groupId;
  const input = optionalString(target, 'Input', at);
  if (input !== undefined && JSON_INPUT_SERVICES.some((s) => delivery.arn.includes(s))) checkJsonInput(input, 'Input', at);
  return { delivery, input: input === undefined ? {} : { Input: input } };
}
