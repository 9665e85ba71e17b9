/**
 * SNS errors as data: `code` is the query-protocol error code (what the SDK's awsQueryError trait
 * maps to an exception: InvalidParameter → InvalidParameterException, NotFound →
 * NotFoundException, ParameterValueInvalid → InvalidParameterValueException, …), with its HTTP
 * status, for the wire adapter to render. Codes and statuses: the SNS API Reference ("Common
 * Errors" and each action's "Errors"). A UserError, so `stratus publish` prints it as one line.
 */
import { UserError } from '../../shared/errors';

export type SnsErrorCode =
  | 'InvalidParameter'
  | 'ParameterValueInvalid'
  | 'NotFound'
  | 'ResourceNotFound'
  | 'AuthorizationError'
  | 'ValidationError'
  | 'BatchEntryIdsNotDistinct'
  | 'BatchRequestTooLong'
  | 'EmptyBatchRequest'
  | 'InvalidBatchEntryId'
  | 'TooManyEntriesInBatchRequest'
  | 'TagLimitExceeded'
  | 'InternalError';

const STATUS: Record<SnsErrorCode, number> = {
  InvalidParameter: 400,
  ParameterValueInvalid: 400,
  NotFound: 404,
  ResourceNotFound: 404,
  AuthorizationError: 403,
  ValidationError: 400,
  BatchEntryIdsNotDistinct: 400,
  BatchRequestTooLong: 400,
  EmptyBatchRequest: 400,
  InvalidBatchEntryId: 400,
  TooManyEntriesInBatchRequest: 400,
  TagLimitExceeded: 400,
  InternalError: 500,
};

export class SnsError extends UserError {
  readonly status: number;
  readonly senderFault: boolean;

  constructor(
    override readonly code: SnsErrorCode,
    message: string,
  ) {
    super(code, message);
    this.status = STATUS[code];
    this.senderFault = this.status < 500;
  }
}

/** SNS's usual wording: "Invalid parameter: <what>". */
export const invalidParameter = (what: string) => new SnsError('InvalidParameter', `Invalid parameter: ${what}`);

export const invalidParameterValue = (message: string) => new SnsError('ParameterValueInvalid', message);

export const topicNotFound = () => new SnsError('NotFound', 'Topic does not exist');

export const subscriptionNotFound = () => new SnsError('NotFound', 'Subscription does not exist');

export const resourceNotFound = () => new SnsError('ResourceNotFound', 'Resource does not exist');

/** A required member missing: the query protocol's validation wording. */
export const missingParameter = (member: string) =>
  new SnsError('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);

/** Protocols SNS has and Stratus does not run: said plainly rather than accepted and dropped. */
export const unsupportedByStratus = (what: string) => invalidParameter(`${what} is not supported by Stratus`);
