import { DEFAULT_BUS_NAME } from './constants';

export interface Partition {
  region: string;
  accountId: string;
}

/** `arn:aws:events:${region}:${account}:event-bus/${name}` (EventBridge, "Resource types"). */
export function busArn(at: Partition, name: string): string {
  return `arn:aws:events:${at.region}:${at.accountId}:event-bus/${name}`;
}

/**
 * Rules on the default bus are `rule/${name}`; on a custom bus `rule/${bus}/${name}` (the ARN
 * PutRule returns for a rule on a custom event bus, EventBridge "Resource types": rule-on-event-bus).
 */
export function ruleArn(at: Partition, busName: string, ruleName: string): string {
  const path = busName === DEFAULT_BUS_NAME ? ruleName : `${busName}/${ruleName}`;
  return `arn:aws:events:${at.region}:${at.accountId}:rule/${path}`;
}

/**
 * EventBusName parameters take a name or an ARN ("EventBusNameOrArn"); absent means `default`.
 * A bus name may itself contain `/` (partner buses), so only the ARN prefix is stripped.
 */
export function busNameOf(nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return DEFAULT_BUS_NAME;
  const match = /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
  return match ? match[1]! : nameOrArn;
}
