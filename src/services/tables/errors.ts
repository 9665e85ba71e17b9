/**
 * DynamoDB errors as data: `code` is the `__type` suffix the SDKs map to exception classes;
 * `details` are extra members of the error body (CancellationReasons of
 * TransactionCanceledException, Item of ConditionalCheckFailedException). Messages follow what
 * DynamoDB sends (Amazon DynamoDB API Reference, "Common Errors" and each action's "Errors").
 */
export class TablesError extends Error {
  readonly senderFault: boolean;
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = code;
    this.senderFault = status < 500;
  }

  static validation(message: string): TablesError {
    return new TablesError('ValidationException', message);
  }
}

export const validation = TablesError.validation;

export const invalidParameter = (message: string) => validation(`One or more parameter values were invalid: ${message}`);

export const resourceNotFound = () => new TablesError('ResourceNotFoundException', 'Requested resource not found');

export const tableNotFound = (name: string) => new TablesError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);

export const resourceInUse = (message: string) => new TablesError('ResourceInUseException', message);

export const conditionalCheckFailed = (item?: Record<string, unknown>) =>
  new TablesError('ConditionalCheckFailedException', 'The conditional request failed', 400, item ? { Item: item } : undefined);

export const keySchemaMismatch = () => validation('The provided key element does not match the schema');

/** "1 validation error detected: Value 'x' at 'y' failed to satisfy constraint: z" (the model's constraints). */
export const constraint = (value: unknown, at: string, rule: string) =>
  validation(`1 validation error detected: Value ${value === null ? 'null' : `'${typeof value === 'object' ? JSON.stringify(value) : String(value)}'`} at '${at}' failed to satisfy constraint: ${rule}`);
