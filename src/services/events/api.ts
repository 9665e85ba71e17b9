/**
 * Requests and responses of the EventBridge operations Stratus serves, with the API's member
 * names (EventBridge API Reference), so the wire adapter is a table of operation → method.
 */
import type { BusRecord, RuleRecord, RuleState, TargetSpec } from './types';

export interface Paged {
  NextToken?: string;
  Limit?: number;
}

export interface CreateEventBusRequest {
  Name: string;
  Description?: string;
}
export interface CreateEventBusResponse {
  EventBusArn: string;
  Description?: string;
}
export interface DescribeEventBusResponse {
  Name: string;
  Arn: string;
  Description?: string;
  CreationTime: Date;
  LastModifiedTime: Date;
}
export interface ListEventBusesRequest extends Paged {
  NamePrefix?: string;
}
export interface ListEventBusesResponse {
  EventBuses: BusRecord[];
  NextToken?: string;
}

export interface PutRuleRequest {
  Name: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State?: RuleState;
  Description?: string;
  RoleArn?: string;
  EventBusName?: string;
}
export interface RuleRef {
  Name: string;
  EventBusName?: string;
}
export interface DeleteRuleRequest extends RuleRef {
  Force?: boolean;
}
/** What DescribeRule and ListRules show of a rule: everything but its targets. */
export type RuleView = Omit<RuleRecord, 'Targets' | 'CreatedBy'> & { CreatedBy?: string };
export interface ListRulesRequest extends Paged {
  NamePrefix?: string;
  EventBusName?: string;
}
export interface ListRulesResponse {
  Rules: RuleView[];
  NextToken?: string;
}

export interface PutTargetsRequest {
  Rule: string;
  EventBusName?: string;
  Targets: TargetSpec[];
}
export interface TargetFailure {
  TargetId: string;
  ErrorCode: string;
  ErrorMessage: string;
}
export interface TargetsResponse {
  FailedEntryCount: number;
  FailedEntries: TargetFailure[];
}
export interface RemoveTargetsRequest {
  Rule: string;
  EventBusName?: string;
  Ids: string[];
  Force?: boolean;
}
export interface ListTargetsByRuleRequest extends Paged {
  Rule: string;
  EventBusName?: string;
}
export interface ListTargetsByRuleResponse {
  Targets: TargetSpec[];
  NextToken?: string;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  /** A JSON object as text. */
  Detail?: string;
  EventBusName?: string;
  /** A Date, epoch seconds (the JSON protocol's timestamp form) or ISO 8601 text. */
  Time?: Date | number | string;
  Resources?: string[];
  TraceHeader?: string;
}
export interface PutEventsRequest {
  Entries: PutEventsEntry[];
}
export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };
export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export interface TestEventPatternRequest {
  EventPattern: string;
  Event: string;
}
export interface TestEventPatternResponse {
  Result: boolean;
}
