import type { DeliveryTarget } from '../targets/types';
import { DEFAULT_MAXIMUM_EVENT_AGE_SECONDS, DEFAULT_MAXIMUM_RETRY_ATTEMPTS } from './constants';
import type { EventsContext } from './context';
import type { EventEnvelope } from './envelope';
import type { RuleRecord, TargetSpec } from './types';

/** Rules in these states see events; DISABLED rules do not (PutRule, State). */
const ACTIVE_STATES = new Set(['ENABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS']);

/** The rules of `rules` that are enabled, have a pattern, and whose pattern matches the event. */
export function matchingRules(ctx: EventsContext, rules: RuleRecord[], event: EventEnvelope): RuleRecord[] {
  return rules.filter(
    (rule) => ACTIVE_STATES.has(rule.State) && rule.EventPattern !== undefined && ctx.compiled.pattern(rule.EventPattern).matches(event),
  );
}

/**
 * Hands the event to each of the rule's targets, shaped by its Input/InputPath/InputTransformer.
 * Resolves once every delivery is durably accepted; retries and dead letters are the dispatcher's.
 */
export async function deliverToTargets(ctx: EventsContext, rule: RuleRecord, event: EventEnvelope, ingestionTime: number): Promise<void> {
  for (const target of rule.Targets) {
    const payload = ctx.compiled.shaper(target)(event as unknown as Record<string, unknown>, {
      ruleArn: rule.Arn,
      ruleName: rule.Name,
      ingestionTime: new Date(ingestionTime),
      targetId: target.Id,
    });
    await ctx.dispatcher.deliver(deliveryTargetOf(target), payload, { sourceArn: rule.Arn, kind: 'rule' });
  }
}

export function deliveryTargetOf(target: TargetSpec): DeliveryTarget {
  const delivery: DeliveryTarget = {
    arn: target.Arn,
    id: target.Id,
    retryPolicy: {
      maximumRetryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
      maximumEventAgeSeconds: target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
    },
  };
  if (target.DeadLetterConfig?.Arn) delivery.deadLetterArn = target.DeadLetterConfig.Arn;
  if (target.SqsParameters?.MessageGroupId) delivery.messageGroupId = target.SqsParameters.MessageGroupId;
  return delivery;
}
