/**
 * The management API's errors (API Gateway Management API reference, "Errors"), as data the wire
 * layer renders: `x-amzn-ErrorType` plus a JSON body, which is what the SDK's REST-JSON parser reads.
 */
export class ConnectionError extends Error {
  readonly senderFault = true;

  constructor(
    readonly code: 'GoneException' | 'PayloadTooLargeException' | 'ForbiddenException' | 'LimitExceededException' | 'BadRequestException',
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = code;
  }
}

export const gone = (connectionId: string) => new ConnectionError('GoneException', `Connection ${connectionId} is gone`, 410);
export const payloadTooLarge = (bytes: number, limit: number) =>
  new ConnectionError('PayloadTooLargeException', `Message too long: ${bytes} bytes, the limit is ${limit} bytes`, 413);
export const forbidden = () => new ConnectionError('ForbiddenException', 'Forbidden', 403);
