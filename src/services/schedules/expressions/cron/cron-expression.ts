/**
 * EventBridge cron expressions (rules and Scheduler), evaluated in UTC or in Scheduler's
 * ScheduleExpressionTimezone.
 *
 * Why our own matcher rather than `cron-parser`: EventBridge's cron is Quartz's, not Unix's, and
 * cron-parser cannot express several parts of it — it has no year field (1970-2199 here), no `W`
 * (`15W`, `LW`), refuses wrap-around ranges such as AWS's own documented example
 * `cron(0/30 20-2 ? * MON-FRI *)`, numbers weekdays from 0 = Sunday, and treats `?` as `*`
 * where EventBridge requires exactly one `?`. Translating would leave most of the validation and
 * all of the day logic to us anyway, and its DST handling differs from Scheduler's documented one
 * (a repeated hour runs once). The whole matcher is ~300 lines with no dependency.
 */
import type { ScheduleExpression } from '../types';
import type { Zone } from '../zone';
import { parseCronFields } from './cron-spec';
import { describeCron } from './describe';
import { nextCronFire } from './next-fire';

export function cronExpression(expression: string, body: string, zone: Zone): ScheduleExpression {
  const spec = parseCronFields(body);
  return Object.freeze({
    kind: 'cron' as const,
    expression,
    timezone: zone.name,
    next: (after: number) => nextCronFire(spec, zone, after),
    describe: () => `${describeCron(spec)} (${zone.name})`,
  });
}
