import { UserError } from '../../../shared/errors';

/**
 * EventBridge's InvalidEventPatternException: "Event pattern is not valid. Reason: <Ruler reason>".
 * AWS appends Jackson's location ("\n at [Source: (String)"…"; line: 1, column: 40]"); Stratus
 * compiles the parsed pattern, so it reports the reason without the location.
 */
export class EventPatternError extends UserError {
  readonly status = 400;

  constructor(
    readonly reason: string,
    code: 'InvalidEventPatternException' | 'ValidationException' = 'InvalidEventPatternException',
    message = `Event pattern is not valid. Reason: ${reason}`,
  ) {
    super(code, message);
  }
}
