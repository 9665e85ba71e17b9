/**
 * SQS's limits and defaults, as the SQS API Reference (CreateQueue, SendMessage, ReceiveMessage,
 * ChangeMessageVisibility) and the Developer Guide's "Amazon SQS quotas" pages give them.
 */
export const QUEUE_NAME_MAX_LENGTH = 80;
export const FIFO_SUFFIX = '.fifo';

export const DELAY_SECONDS = { min: 0, max: 900, default: 0 };
/** Raised from 256 KiB to 1 MiB in August 2025; the default stayed 256 KiB. */
export const MAXIMUM_MESSAGE_SIZE = { min: 1_024, max: 1_048_576, default: 262_144 };
export const MESSAGE_RETENTION_PERIOD = { min: 60, max: 1_209_600, default: 345_600 };
export const RECEIVE_WAIT_TIME_SECONDS = { min: 0, max: 20, default: 0 };
export const VISIBILITY_TIMEOUT = { min: 0, max: 43_200, default: 30 };
export const MAX_RECEIVE_COUNT = { min: 1, max: 1_000 };
export const KMS_DATA_KEY_REUSE_PERIOD = { min: 60, max: 86_400, default: 300 };

export const MAX_NUMBER_OF_MESSAGES = { min: 1, max: 10, default: 1 };
export const BATCH_MAX_ENTRIES = 10;
/** The sum of a batch's message sizes (same 1 MiB ceiling as one message). */
export const BATCH_MAX_PAYLOAD_BYTES = 1_048_576;
export const BATCH_ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;

export const MESSAGE_ATTRIBUTES_MAX = 10;
export const MESSAGE_ATTRIBUTE_NAME_MAX_LENGTH = 256;
export const MESSAGE_GROUP_ID_MAX_LENGTH = 128;
export const DEDUPLICATION_ID_MAX_LENGTH = 128;

/** PurgeQueue: "only one PurgeQueue operation on a queue is allowed every 60 seconds". */
export const PURGE_INTERVAL_MS = 60_000;

export const LIST_QUEUES_MAX_RESULTS = 1_000;
export const MOVE_TASK_MAX_PER_SECOND = { min: 1, max: 500 };
export const LIST_MOVE_TASKS_MAX_RESULTS = { min: 1, max: 10, default: 1 };
