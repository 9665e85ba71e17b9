/**
 * Queue attributes: validation of what CreateQueue / SetQueueAttributes accept, the defaults SQS
 * stores, and the engine settings derived from them. Names, ranges and defaults: CreateQueue and
 * SetQueueAttributes in the SQS API Reference.
 */
import type { QueueRecord, QueueSettings } from '../../engine/types';
import { invalidAttributeName, invalidAttributeValue, invalidParameter } from './errors';
import {
  DELAY_SECONDS,
  KMS_DATA_KEY_REUSE_PERIOD,
  MAXIMUM_MESSAGE_SIZE,
  MAX_RECEIVE_COUNT,
  MESSAGE_RETENTION_PERIOD,
  RECEIVE_WAIT_TIME_SECONDS,
  VISIBILITY_TIMEOUT,
} from './limits';
import { nameFromArn, type QueueAddressing } from './names';

type Range = { min: number; max: number };
const INTEGER_ATTRIBUTES: Record<string, Range> = {
  DelaySeconds: DELAY_SECONDS,
  MaximumMessageSize: MAXIMUM_MESSAGE_SIZE,
  MessageRetentionPeriod: MESSAGE_RETENTION_PERIOD,
  ReceiveMessageWaitTimeSeconds: RECEIVE_WAIT_TIME_SECONDS,
  VisibilityTimeout: VISIBILITY_TIMEOUT,
  KmsDataKeyReusePeriodSeconds: KMS_DATA_KEY_REUSE_PERIOD,
};
const FIFO_ONLY_ENUMS: Record<string, string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};
const FREE_TEXT = new Set(['Policy', 'KmsMasterKeyId']);

/** Read-only attributes GetQueueAttributes computes. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** What a new queue has when CreateQueue does not say (SSE-SQS is on by default since 2022). */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  const base: Record<string, string> = {
    DelaySeconds: String(DELAY_SECONDS.default),
    MaximumMessageSize: String(MAXIMUM_MESSAGE_SIZE.default),
    MessageRetentionPeriod: String(MESSAGE_RETENTION_PERIOD.default),
    ReceiveMessageWaitTimeSeconds: String(RECEIVE_WAIT_TIME_SECONDS.default),
    VisibilityTimeout: String(VISIBILITY_TIMEOUT.default),
    SqsManagedSseEnabled: 'true',
  };
  if (!fifo) return base;
  return { ...base, FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' };
}

export interface AttributeContext {
  addressing: QueueAddressing;
  fifo: boolean;
  /** Looks up a would-be dead-letter queue by name. */
  findQueue(name: string): Promise<QueueRecord | undefined>;
  /** The queue being configured, for RedriveAllowPolicy checks. */
  queueName: string;
  /** CreateQueue accepts FifoQueue; SetQueueAttributes does not. */
  creating: boolean;
}

/** Validates and normalises the given attributes; returns the values to store. */
export async function normaliseAttributes(
  given: Record<string, string | undefined>,
  ctx: AttributeContext,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(given)) {
    if (raw === undefined) continue;
    const value = String(raw);
    const range = INTEGER_ATTRIBUTES[name];
    if (range) out[name] = String(integerIn(name, value, range));
    else if (name === 'FifoQueue') {
      if (!ctx.creating) throw invalidAttributeName(name);
      out[name] = booleanOf(name, value);
    } else if (name === 'ContentBasedDeduplication') {
      if (!ctx.fifo) throw invalidAttributeName(name);
      out[name] = booleanOf(name, value);
    } else if (name === 'SqsManagedSseEnabled') out[name] = booleanOf(name, value);
    else if (FIFO_ONLY_ENUMS[name]) {
      if (!ctx.fifo) throw invalidAttributeName(name);
      if (!FIFO_ONLY_ENUMS[name].includes(value)) throw invalidAttributeValue(name);
      out[name] = value;
    } else if (name === 'RedrivePolicy') out[name] = await redrivePolicy(value, ctx);
    else if (name === 'RedriveAllowPolicy') out[name] = redriveAllowPolicy(value);
    else if (FREE_TEXT.has(name)) out[name] = value;
    else throw invalidAttributeName(name);
  }
  return out;
}

/** The engine's view of a queue's attributes. */
export function settingsOf(attributes: Record<string, string>, fifo: boolean, a: QueueAddressing): QueueSettings {
  const settings: QueueSettings = { fifo, retentionMs: Number(attributes.MessageRetentionPeriod) * 1000 };
  if (attributes.RedrivePolicy) {
    const policy = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number };
    const deadLetterQueue = nameFromArn(a, policy.deadLetterTargetArn);
    if (deadLetterQueue) settings.redrive = { deadLetterQueue, maxReceiveCount: policy.maxReceiveCount };
  }
  return settings;
}

function integerIn(name: string, value: string, range: Range): number {
  const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) throw invalidAttributeValue(name);
  return n;
}

function booleanOf(name: string, value: string): string {
  const v = value.toLowerCase();
  if (v !== 'true' && v !== 'false') throw invalidAttributeValue(name);
  return v;
}

/** `""` removes the policy; otherwise a JSON map naming an existing queue of the same type. */
async function redrivePolicy(value: string, ctx: AttributeContext): Promise<string> {
  if (value === '') return '';
  const reason = (why: string) => invalidParameter('RedrivePolicy', value, why);
  let policy: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    policy = JSON.parse(value);
  } catch {
    throw reason('Redrive policy is not a valid JSON map.');
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw reason('Redrive policy is not a valid JSON map.');
  if (policy.deadLetterTargetArn === undefined) throw reason('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (policy.maxReceiveCount === undefined) throw reason('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  const count = Number(policy.maxReceiveCount);
  if (!Number.isInteger(count) || count < MAX_RECEIVE_COUNT.min || count > MAX_RECEIVE_COUNT.max) {
    throw reason(`Invalid value for maxReceiveCount: ${String(policy.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  const dlqName = nameFromArn(ctx.addressing, policy.deadLetterTargetArn);
  const dlq = dlqName === undefined ? undefined : await ctx.findQueue(dlqName);
  if (!dlq) throw reason('Dead letter target does not exist.');
  if (dlq.settings.fifo !== ctx.fifo) throw reason('Dead-letter queue must be same type of queue as the source.');
  assertRedriveAllowed(dlq, ctx);
  return JSON.stringify({ deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount: count });
}

/** The dead-letter queue's RedriveAllowPolicy decides which sources may use it. */
function assertRedriveAllowed(dlq: QueueRecord, ctx: AttributeContext): void {
  const allow = dlq.attributes.RedriveAllowPolicy;
  if (!allow) return;
  const policy = JSON.parse(allow) as { redrivePermission: string; sourceQueueArns?: string[] };
  const sourceArn = `arn:aws:sqs:${ctx.addressing.region}:${ctx.addressing.accountId}:${ctx.queueName}`;
  const allowed =
    policy.redrivePermission === 'allowAll' ||
    (policy.redrivePermission === 'byQueue' && (policy.sourceQueueArns ?? []).includes(sourceArn));
  if (!allowed) {
    throw invalidParameter('RedrivePolicy', JSON.stringify(policy), 'Queue is not allowed to use the dead-letter target by its RedriveAllowPolicy.');
  }
}

const REDRIVE_PERMISSIONS = ['allowAll', 'denyAll', 'byQueue'];
/** SQS caps sourceQueueArns at 10 and requires them only for byQueue. */
const MAX_REDRIVE_SOURCE_ARNS = 10;

function redriveAllowPolicy(value: string): string {
  let policy: { redrivePermission?: unknown; sourceQueueArns?: unknown };
  try {
    policy = JSON.parse(value);
  } catch {
    throw invalidAttributeValue('RedriveAllowPolicy', 'Redrive allow policy is not a valid JSON map.');
  }
  if (typeof policy?.redrivePermission !== 'string' || !REDRIVE_PERMISSIONS.includes(policy.redrivePermission)) {
    throw invalidAttributeValue('RedriveAllowPolicy', 'Invalid value for redrivePermission.');
  }
  const arns = policy.sourceQueueArns;
  if (policy.redrivePermission === 'byQueue') {
    if (!Array.isArray(arns) || arns.length === 0 || arns.length > MAX_REDRIVE_SOURCE_ARNS) {
      throw invalidAttributeValue('RedriveAllowPolicy', 'sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.');
    }
  } else if (arns !== undefined) {
    throw invalidAttributeValue('RedriveAllowPolicy', 'sourceQueueArns is only allowed when redrivePermission is byQueue.');
  }
  return JSON.stringify(policy);
}
