import { UserError } from '../../../../shared/errors';

/** PutTargets rejects a bad Input, InputPath or InputTransformer with a ValidationException. */
export class TargetInputError extends UserError {
  readonly status = 400;

  constructor(message: string) {
    super('ValidationException', message);
  }
}
