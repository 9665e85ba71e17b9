/**
 * PutRule / DeleteRule with a ScheduleExpression (through the EventBridge API) become schedules:
 * the events service reports the change, the schedules service runs it like a template rule.
 */
import type { ScheduleRuleChange } from '../services/events/types';
import type { ScheduleService } from '../services/schedules';
import { normalizeRule } from '../services/schedules/sources/rule';
import { AwsErrorLike } from './aws-error-like';

export function scheduleRuleListener(schedules: () => ScheduleService, account: { region: string; accountId: string }) {
  return async (change: ScheduleRuleChange): Promise<void> => {
    const { rule } = change;
    if (change.kind === 'delete') return schedules().remove(rule.Arn);
    const definition = normalizeRule(
      {
        name: rule.Name,
        logicalId: rule.Name,
        properties: { ...rule } as Record<string, unknown>,
        fail: (path, reason) => new AwsErrorLike('ValidationException', `${path}: ${reason}`),
      },
      account,
    );
    await schedules().upsert(definition);
  };
}
