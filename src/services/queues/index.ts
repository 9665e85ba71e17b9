/** The SQS domain: queues, messages, dead-letter moves and redrive, with SQS's rules and errors. */
export { createQueueService, type QueueService } from './service';
export type { QueueServiceOptions } from './context';
export { SqsError } from './errors';
export { md5Hex, md5OfAttributes } from './md5';
export { queueArn, queueUrl, nameFromArn, nameFromUrl } from './names';
export type * from './types';
