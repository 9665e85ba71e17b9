/**
 * The EventBridge domain's records, shaped as the API names them (PascalCase members), so a
 * JSON 1.1 wire adapter passes requests in and responses out without renaming.
 */
import type { RULE_STATES } from './constants';

export type RuleState = (typeof RULE_STATES)[number];

export interface InputTransformerSpec {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

export interface RetryPolicySpec {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

/** One target of a rule (EventBridge API Reference, Target). */
export interface TargetSpec {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformerSpec;
  RetryPolicy?: RetryPolicySpec;
  DeadLetterConfig?: { Arn?: string };
  SqsParameters?: { MessageGroupId?: string };
}

export interface BusRecord {
  Name: string;
  Arn: string;
  Description?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
}

export interface RuleRecord {
  Name: string;
  Arn: string;
  EventBusName: string;
  /** The pattern as JSON text, as DescribeRule returns it. */
  EventPattern?: string;
  ScheduleExpression?: string;
  State: RuleState;
  Description?: string;
  RoleArn?: string;
  /** The account that created the rule (DescribeRule CreatedBy). */
  CreatedBy: string;
  Targets: TargetSpec[];
}

/** Rules with a ScheduleExpression belong to the scheduler; it hears of every change to one. */
export type ScheduleRuleChange = { kind: 'put'; rule: RuleRecord } | { kind: 'delete'; rule: RuleRecord };
export type ScheduleRuleListener = (change: ScheduleRuleChange) => void | Promise<void>;
