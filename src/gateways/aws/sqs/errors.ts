/**
 * The wire side of SQS's errors. SQS's JSON protocol is "query compatible": next to the JSON
 * `__type` it sends `x-amzn-query-error: <query code>;Sender|Receiver`, the code the query protocol
 * would have used (the `awsQueryError` traits of the SQS service model). Errors without that trait
 * use the same code in both protocols; SQS still sends the header for them.
 */
import { SqsError } from '../../../services/queues';

/** JSON code → query code, from the SQS service model's awsQueryError traits. */
const RENAMED: Record<string, string> = {
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
  KmsAccessDenied: 'KMS.AccessDeniedException',
  KmsDisabled: 'KMS.DisabledException',
  KmsInvalidKeyUsage: 'KMS.InvalidKeyUsageException',
  KmsInvalidState: 'KMS.InvalidStateException',
  KmsNotFound: 'KMS.NotFoundException',
  KmsOptInRequired: 'KMS.OptInRequired',
  KmsThrottled: 'KMS.ThrottlingException',
};

/** Codes whose query form is the same word. */
const SAME_IN_BOTH = [
  'InvalidAddress',
  'InvalidAttributeName',
  'InvalidAttributeValue',
  'InvalidIdFormat',
  'InvalidMessageContents',
  'InvalidSecurity',
  'OverLimit',
  'ReceiptHandleIsInvalid',
  'RequestThrottled',
  'ResourceNotFoundException',
  'InvalidParameterValue',
  'MissingParameter',
];

export const QUERY_COMPATIBLE_CODES: Record<string, string> = {
  ...RENAMED,
  ...Object.fromEntries(SAME_IN_BOTH.map((code) => [code, code])),
};

/** SQS's wording for a bad request parameter (as the queue service words its own). */
export const invalidParameter = (name: string, value: unknown, reason: string) =>
  new SqsError('InvalidParameterValue', `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);

export const missingParameter = (name: string) => new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

/**
 * A JSON member of the wrong type. AWS JSON services answer these from their deserializer, before
 * the operation runs, with SerializationException.
 */
export const serializationError = (path: string, expected: string) =>
  new SqsError('SerializationException', `Value at '${path}' must be ${expected}.`);
