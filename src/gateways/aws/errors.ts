/**
 * AWS errors as data: a service adapter (or the domain service under it) throws one, the
 * protocol layer renders it in its own body format. Anything with `code` and a numeric `status`
 * counts (domain services such as the events service throw their own classes of that shape), so
 * domains need not import this file.
 */
import { StratusError } from '../../shared/errors';

export interface AwsErrorData {
  code: string;
  status: number;
  message: string;
  /** Sender (client) fault vs Receiver (server) fault: query XML's <Type>, Lambda's "Type": "User". */
  senderFault: boolean;
  /**
   * The code query-protocol answers use when it differs from the JSON one (SQS:
   * `AWS.SimpleQueueService.NonExistentQueue` for `QueueDoesNotExist`).
   */
  queryCode?: string;
  /** Extra members of a JSON error body (DynamoDB's CancellationReasons, Item). */
  details?: Record<string, unknown>;
}

export class AwsError extends Error implements AwsErrorData {
  readonly senderFault: boolean;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    senderFault?: boolean,
  ) {
    super(message);
    this.name = code;
    this.senderFault = senderFault ?? status < 500;
  }
}

/** Any thrown value as an AWS error; unknown failures become InternalFailure 500 (never a hang). */
export function asAwsError(err: unknown): AwsErrorData {
  if (err instanceof AwsError) return err;
  if (isErrorShaped(err)) {
    const status = typeof err.status === 'number' ? err.status : 400;
    return {
      code: err.code,
      status,
      message: err.message,
      senderFault: typeof err.senderFault === 'boolean' ? err.senderFault : status < 500,
      ...(typeof err.queryCode === 'string' && { queryCode: err.queryCode }),
      ...(isPlainObject(err.details) && { details: err.details }),
    };
  }
  // A user error of our own without a status (e.g. a bad filter pattern) is the caller's fault.
  if (err instanceof StratusError) return { code: err.code, status: 400, message: err.message, senderFault: true };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'InternalFailure', status: 500, message, senderFault: false };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isErrorShaped(err: unknown): err is { code: string; status?: unknown; message: string; senderFault?: unknown; queryCode?: unknown; details?: unknown } {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as Record<string, unknown>;
  return typeof e.code === 'string' && typeof e.status === 'number' && typeof e.message === 'string';
}

// The errors every protocol shares (AWS "Common Errors" of the query and JSON APIs).
export const validationError = (message: string) => new AwsError('ValidationException', message);
export const missingParameter = (name: string) =>
  new AwsError('MissingParameter', `The request must contain the parameter ${name}.`);
export const invalidParameterValue = (message: string) => new AwsError('InvalidParameterValue', message);
export const internalFailure = (message = 'The request processing has failed because of an unknown error.') =>
  new AwsError('InternalFailure', message, 500);
