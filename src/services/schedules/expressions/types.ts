export type ScheduleKind = 'rate' | 'cron' | 'at';

/**
 * Which AWS service evaluates the expression. `rule` (AWS::Events::Rule, SAM `Schedule` events)
 * is always UTC and has no at(); `scheduler` (AWS::Scheduler::Schedule, SAM `ScheduleV2`) adds
 * at() and ScheduleExpressionTimezone.
 */
export type ScheduleDialect = 'rule' | 'scheduler';

export interface ScheduleExpressionOptions {
  /** IANA zone (Scheduler's ScheduleExpressionTimezone); cron and at() fields are wall-clock time there. */
  timezone?: string;
  /** Default `scheduler`, the wider of the two syntaxes. */
  dialect?: ScheduleDialect;
  /**
   * Where a rate() schedule's grid starts (epoch ms): the rule's creation time, or the schedule's
   * StartDate / creation time on Scheduler. Rounded up to the minute. Default 0 (the Unix epoch),
   * which lines rates up on round clock times.
   */
  createdAt?: number;
}

export interface ScheduleExpression {
  readonly kind: ScheduleKind;
  /** The expression as written, e.g. `cron(0 10 * * ? *)`. */
  readonly expression: string;
  /** The IANA zone the expression is evaluated in; `UTC` when none was given. */
  readonly timezone: string;
  /** First fire time strictly after `after` (epoch ms), always at second 0; undefined when none is left. */
  next(after: number): number | undefined;
  /** A short human description for CLI listings. */
  describe(): string;
}
