import { UserError } from '../../../shared/errors';

/**
 * A schedule expression EventBridge would refuse. PutRule and CreateSchedule both answer
 * `ValidationException: Parameter ScheduleExpression is not valid.`; we keep that sentence and add
 * the detail AWS does not give (which field, what is wrong) so the user can fix it in one go.
 */
export class ScheduleExpressionError extends UserError {
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super('ValidationException', `Parameter ScheduleExpression is not valid: ${expression}: ${reason}`);
  }
}

/** Thrown by the field parsers, which do not know the whole expression; re-thrown with it. */
export class FieldProblem extends Error {}
