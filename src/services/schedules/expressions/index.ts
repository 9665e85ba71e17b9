/**
 * Schedule expressions as EventBridge rules and EventBridge Scheduler accept them — rate(),
 * cron() and Scheduler's at() — with the next fire time computed in UTC or in Scheduler's
 * ScheduleExpressionTimezone. Pure: no timers, no I/O; the scheduler that fires them lives elsewhere.
 *
 * Not done yet / differs from AWS on purpose: Scheduler's StartDate/EndDate and flexible time
 * windows are the caller's concern (pass StartDate as `createdAt` for rates); AWS's message is only
 * "Parameter ScheduleExpression is not valid." — ours adds which field is wrong and why.
 */
import { atExpression } from './at';
import { cronExpression } from './cron/cron-expression';
import { FieldProblem, ScheduleExpressionError } from './errors';
import { rateExpression } from './rate';
import type { ScheduleExpression, ScheduleExpressionOptions } from './types';
import { zoneNamed, type Zone } from './zone';

export { ScheduleExpressionError } from './errors';
export type { ScheduleDialect, ScheduleExpression, ScheduleExpressionOptions, ScheduleKind } from './types';

export function parseScheduleExpression(expression: string, options: ScheduleExpressionOptions = {}): ScheduleExpression {
  try {
    return build(expression, options);
  } catch (err) {
    if (err instanceof FieldProblem) throw new ScheduleExpressionError(String(expression), err.message);
    throw err;
  }
}

function build(expression: string, options: ScheduleExpressionOptions): ScheduleExpression {
  const dialect = options.dialect ?? 'scheduler';
  const zone = zoneFor(options.timezone, dialect);
  const parts = typeof expression === 'string' ? /^(rate|cron|at)\((.*)\)$/s.exec(expression) : null;
  if (!parts) {
    const forms = dialect === 'rule' ? 'rate(value unit) or cron(fields)' : 'rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss)';
    throw new FieldProblem(`expected ${forms}`);
  }
  const [, kind, body] = parts;
  if (kind === 'rate') return rateExpression(expression, body, zone, dialect, options.createdAt);
  if (kind === 'cron') return cronExpression(expression, body, zone);
  if (dialect === 'rule') throw new FieldProblem('at() is an EventBridge Scheduler expression; rules accept rate() and cron()');
  return atExpression(expression, body, zone);
}

/** Rules are always evaluated in UTC ("all scheduled event rules use the UTC+0 time zone"). */
function zoneFor(timezone: string | undefined, dialect: ScheduleExpressionOptions['dialect']): Zone {
  if (dialect === 'rule' && timezone !== undefined && timezone !== 'UTC') {
    throw new FieldProblem(`rules are evaluated in UTC; a timezone ("${timezone}") needs an EventBridge Scheduler schedule`);
  }
  return zoneNamed(timezone);
}
