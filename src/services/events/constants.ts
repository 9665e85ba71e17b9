/**
 * EventBridge limits and defaults, as the EventBridge API Reference and the "Amazon EventBridge
 * quotas" page give them. Each is enforced in one place and quoted in its error.
 */

export const DEFAULT_BUS_NAME = 'default';

/** PutEvents: "Entries … Array Members: Minimum number of 1 item. Maximum number of 10 items." */
export const MIN_PUT_EVENTS_ENTRIES = 1;
export const MAX_PUT_EVENTS_ENTRIES = 10;

/**
 * PutEvents request size, computed as "Calculating PutEvents event entry size" describes (Time 14
 * bytes, UTF-8 bytes of Source, DetailType, Detail and each Resources entry). AWS raised the
 * EventBridge payload limit from 256 KB to 1 MB on 2026-01-29 (AWS Compute Blog, "larger
 * payloads for Lambda async, SQS and EventBridge"); the guide page still says 256 KB.
 */
export const MAX_PUT_EVENTS_REQUEST_BYTES = 1024 * 1024;
export const PUT_EVENTS_TIME_BYTES = 14;

/** "Targets per rule: 5" (EventBridge quotas). */
export const MAX_TARGETS_PER_RULE = 5;
/** PutTargets / RemoveTargets: Targets and Ids have 1–100 members. */
export const MAX_TARGETS_PER_REQUEST = 100;

/** Rule names: 1–64 characters of [\.\-_A-Za-z0-9]+ (PutRule, Name). */
export const RULE_NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;
export const MAX_RULE_NAME_LENGTH = 64;
/** Target ids: the same alphabet, 1–64 characters (Target, Id). */
export const TARGET_ID_PATTERN = /^[.\-_A-Za-z0-9]+$/;
export const MAX_TARGET_ID_LENGTH = 64;
/** Event bus names: 1–256 characters of [/\.\-_A-Za-z0-9]+ (CreateEventBus, Name). */
export const BUS_NAME_PATTERN = /^[/.\-_A-Za-z0-9]+$/;
export const MAX_BUS_NAME_LENGTH = 256;
/** PutRule Description: at most 512 characters. */
export const MAX_DESCRIPTION_LENGTH = 512;

/** List operations: Limit 1–100. */
export const MAX_LIST_LIMIT = 100;

/** A target's RetryPolicy defaults: 185 attempts within 24 hours (Target, RetryPolicy). */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 86_400;

export const RULE_STATES = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'] as const;
