/**
 * SES errors as data: `code` and HTTP status as the wire adapters render them. v1 (query) and v2
 * (REST-JSON) name the same failures differently — InvalidParameterValue / ValidationError in
 * v1, BadRequestException in v2 — so each check says which API is asking. Codes: the SES API
 * Reference (v1 "Common Errors" and each action's "Errors"; v2 "SendEmail" Errors). A UserError,
 * so the CLI prints one line.
 */
import { UserError } from '../../shared/errors';

export type SesApi = 'v1' | 'v2';

export class SesError extends UserError {
  readonly senderFault: boolean;

  constructor(
    code: string,
    message: string,
    readonly status = 400,
  ) {
    super(code, message);
    this.name = code;
    this.senderFault = status < 500;
  }
}

/** A value SES refuses (a bad address, a missing header, too many recipients). */
export function invalidValue(api: SesApi, message: string): SesError {
  return new SesError(api === 'v1' ? 'InvalidParameterValue' : 'BadRequestException', message);
}

/**
 * Required members that are absent, in AWS's validation wording:
 * "1 validation error detected: Value null at 'source' failed to satisfy constraint: Member must not be null".
 */
export function missingMembers(api: SesApi, paths: string[]): SesError {
  const count = paths.length;
  const detail = paths.map((p) => `Value null at '${p}' failed to satisfy constraint: Member must not be null`).join('; ');
  const message = `${count} validation error${count === 1 ? '' : 's'} detected: ${detail}`;
  return new SesError(api === 'v1' ? 'ValidationError' : 'BadRequestException', message);
}

export function notFound(message: string): SesError {
  return new SesError('NotFoundException', message, 404);
}
