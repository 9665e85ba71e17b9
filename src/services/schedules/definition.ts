/**
 * One schedule, whichever of the three template sources it came from (AWS::Events::Rule with a
 * ScheduleExpression, AWS::Scheduler::Schedule, or a SAM function's Schedule / ScheduleV2 event).
 */
import type { DeliveryTarget } from '../targets/types';
import type { TargetInput } from '../events/patterns/input/index';

/** `rule`: EventBridge rule (sends the scheduled event). `scheduler`: EventBridge Scheduler (sends Input as-is). */
export type ScheduleSourceKind = 'rule' | 'scheduler';

export type ScheduleState = 'ENABLED' | 'DISABLED';

export interface ScheduleTarget {
  delivery: DeliveryTarget;
  /** Rules: Input / InputPath / InputTransformer (applied to the scheduled event). Scheduler: Input only. */
  input: TargetInput;
}

export interface ScheduleDefinition {
  /** Stable identity in the engine's schedule state: the ARN. */
  key: string;
  /** Rule name or schedule name, as `stratus schedules run NAME` takes it. */
  name: string;
  arn: string;
  /** The template resource that declared it (a function's logical id for SAM events). */
  logicalId: string;
  kind: ScheduleSourceKind;
  /** rate(…), cron(…) or at(…) as written; validated at load, parsed again with the engine's createdAt. */
  expression: string;
  /** IANA zone; always UTC for rules. */
  timezone: string;
  state: ScheduleState;
  targets: ScheduleTarget[];
  /** Scheduler FlexibleTimeWindow Mode FLEXIBLE; undefined when OFF. */
  flexibleWindowMinutes?: number;
  /** Scheduler StartDate / EndDate (epoch ms): no tick before the start or after the end. */
  startDate?: number;
  endDate?: number;
  /** Scheduler ActionAfterCompletion: DELETE removes a finished schedule from listings. */
  deleteAfterCompletion?: boolean;
  /** Scheduler GroupName (default `default`). */
  groupName?: string;
  description?: string;
}
