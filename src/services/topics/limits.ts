/** SNS limits and defaults, each with the page that states it. */

/** Topic names: 1–256 alphanumerics, hyphens, underscores; FIFO names end in `.fifo` (CreateTopic, Name). */
export const TOPIC_NAME_MAX_LENGTH = 256;
export const FIFO_SUFFIX = '.fifo';

/** "Maximum message size: 256 KB", message attributes included (Publish, Message; SNS quotas). */
export const MAX_MESSAGE_BYTES = 262_144;
/** Subject: "must be less than 100 characters long" (Publish, Subject). */
export const MAX_SUBJECT_LENGTH = 100;
/** Message attribute names: up to 256 characters (Amazon SNS message attributes, "Name"). */
export const MAX_MESSAGE_ATTRIBUTE_NAME_BYTES = 256;
/** PublishBatch: "up to 10 messages" (PublishBatch API Reference). */
export const MAX_BATCH_ENTRIES = 10;
/** Batch entry Id: "up to 80 characters… alphanumeric characters, hyphens and underscores" (PublishBatchRequestEntry). */
export const MAX_BATCH_ENTRY_ID_LENGTH = 80;
/** FIFO topics deduplicate within 5 minutes (Message deduplication for FIFO topics). */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;
/** MessageGroupId / MessageDeduplicationId: up to 128 characters (Publish). */
export const MAX_FIFO_ID_LENGTH = 128;
/** Tags per resource: 50 (SNS quotas, "Tags"). */
export const MAX_TAGS = 50;
/** ListTopics / ListSubscriptions pages: 100 entries each (API Reference). */
export const LIST_PAGE_SIZE = 100;
