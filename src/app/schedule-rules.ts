/**
 * PutRule / DeleteRule with a ScheduleExpression (through the EventBridge API) become schedules:
 * the events service reports the change, the schedules service runs it like a template rule.
 * The rules are stored in the engine, so at start the stored ones are scheduled again.
 */
import type { RuleRecord, ScheduleRuleChange } from '../services/events/types';
import type { ScheduleDefinition, ScheduleService } from '../services/schedules';
import { normalizeRule } from '../services/schedules/sources/rule';
import { AwsErrorLike } from './aws-error-like';

export function scheduleRuleListener(schedules: () => ScheduleService, account: { region: string; accountId: string }) {
  return async (change: ScheduleRuleChange): Promise<void> => {
    const { rule } = change;
    if (change.kind === 'delete') return schedules().remove(rule.Arn);
    await schedules().upsert(scheduleOfRule(rule, account));
  };
}

/** The schedule an API-made rule stands for (at a change, and at start for the stored ones). */
export function scheduleOfRule(rule: RuleRecord, account: { region: string; accountId: string }): ScheduleDefinition {
  return normalizeRule(
    {
      name: rule.Name,
      logicalId: rule.Name,
      properties: { ...rule } as Record<string, unknown>,
      fail: (path, reason) => new AwsErrorLike('ValidationException', `${path}: ${reason}`),
    },
    account,
  );
}
