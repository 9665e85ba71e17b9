/**
 * SQS errors as data. `code` is the JSON-protocol name (the `__type` suffix the SDK v3 maps to
 * an exception class), `queryCode` the query-protocol code (also sent as x-amzn-query-error).
 * Codes, statuses and query codes: the SQS API Reference "Common Errors" and each action's
 * "Errors" section, and the awsQueryError traits of the SQS service model.
 */
export class SqsError extends Error {
  readonly senderFault: boolean;
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    readonly queryCode: string = code,
    senderFault = status < 500,
  ) {
    super(message);
    this.name = code;
    this.senderFault = senderFault;
  }
}

export const queueDoesNotExist = () =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');

export const queueNameExists = (name: string) =>
  new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute(s) of ${name}`, 400, 'QueueAlreadyExists');

export const invalidParameterValue = (message: string) => new SqsError('InvalidParameterValue', message);

/** SQS's wording for a bad request parameter: "Value X for parameter P is invalid. Reason: R". */
export const invalidParameter = (name: string, value: unknown, reason: string) =>
  invalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);

export const missingParameter = (name: string) =>
  new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const invalidAttributeName = (name: string) => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);

export const invalidAttributeValue = (name: string, reason?: string) =>
  new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ''}`);

export const invalidMessageContents = () =>
  new SqsError(
    'InvalidMessageContents',
    'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
  );

export const receiptHandleIsInvalid = (handle: string) =>
  new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 404, 'ReceiptHandleIsInvalid');

export const messageNotInflight = () =>
  new SqsError('MessageNotInflight', 'Message does not exist or is not available for visibility timeout change.', 400, 'AWS.SimpleQueueService.MessageNotInflight');

export const purgeQueueInProgress = (name: string) =>
  new SqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`, 403, 'AWS.SimpleQueueService.PurgeQueueInProgress');

export const emptyBatchRequest = (entryType: string) =>
  new SqsError('EmptyBatchRequest', `There should be at least one ${entryType} in the request.`, 400, 'AWS.SimpleQueueService.EmptyBatchRequest');

export const tooManyEntriesInBatchRequest = (count: number, max: number) =>
  new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${max}. You have sent ${count}.`, 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest');

export const batchEntryIdsNotDistinct = (id: string) =>
  new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 400, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');

export const invalidBatchEntryId = () =>
  new SqsError(
    'InvalidBatchEntryId',
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    400,
    'AWS.SimpleQueueService.InvalidBatchEntryId',
  );

export const batchRequestTooLong = (size: number, max: number) =>
  new SqsError('BatchRequestTooLong', `Batch requested message too long: ${size} bytes, the limit is ${max} bytes.`, 400, 'AWS.SimpleQueueService.BatchRequestTooLong');

export const resourceNotFound = (message: string) => new SqsError('ResourceNotFoundException', message, 404, 'ResourceNotFoundException');

export const unsupportedOperation = (message: string) =>
  new SqsError('UnsupportedOperation', message, 400, 'AWS.SimpleQueueService.UnsupportedOperation');
