import { UserError } from '../../shared/errors';
import { EventPatternError, TargetInputError } from './patterns';

/**
 * EventBridge's errors as data: the code and HTTP status the API returns, for the wire adapter
 * to render. A UserError, so the CLI (`stratus events put …`) prints it as one line.
 * Codes and statuses: EventBridge API Reference, "Common Errors" and each operation's "Errors".
 */
export type EventsErrorCode =
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'ValidationException'
  | 'InvalidEventPatternException'
  | 'LimitExceededException'
  | 'ConcurrentModificationException'
  | 'ManagedRuleException'
  | 'InternalException';

const STATUS: Record<EventsErrorCode, number> = {
  ResourceNotFoundException: 400,
  ResourceAlreadyExistsException: 400,
  ValidationException: 400,
  InvalidEventPatternException: 400,
  LimitExceededException: 400,
  ConcurrentModificationException: 400,
  ManagedRuleException: 400,
  InternalException: 500,
};

export class EventsError extends UserError {
  readonly status: number;
  readonly senderFault: boolean;

  constructor(
    override readonly code: EventsErrorCode,
    message: string,
  ) {
    super(code, message);
    this.status = STATUS[code];
    this.senderFault = this.status < 500;
  }
}

export const validationError = (message: string) => new EventsError('ValidationException', message);

export const busNotFound = (bus: string) => new EventsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);

export const ruleNotFound = (rule: string, bus: string) =>
  new EventsError('ResourceNotFoundException', `Rule ${rule} does not exist on EventBus ${bus}.`);

/** The pattern and input libraries throw their own UserErrors; the API answers with EventsError. */
export function asEventsError(err: unknown): unknown {
  if (err instanceof EventPatternError) {
    const code = err.code === 'ValidationException' ? 'ValidationException' : 'InvalidEventPatternException';
    return new EventsError(code, err.message);
  }
  if (err instanceof TargetInputError) return validationError(err.message);
  return err;
}
