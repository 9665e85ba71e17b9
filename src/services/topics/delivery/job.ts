/**
 * A delivery job: one message (or subscription confirmation) for one subscription, stored as a
 * message of an internal engine queue so it survives a restart and is retried on the service
 * clock. Standard topics use one standard internal queue; FIFO topics a FIFO one whose group is
 * the subscription plus the MessageGroupId, so each subscriber sees each group in order.
 */
import type { OutgoingMessage } from '../../../engine/types';
import type { TopicContext } from '../context';

/** Internal queue names hold a ':' so they can never clash with an SQS queue name. */
export const STANDARD_DELIVERY_QUEUE = 'stratus:sns-deliveries';
export const FIFO_DELIVERY_QUEUE = 'stratus:sns-deliveries-fifo';
/** Longer than the AWS-managed retry policy (about 23 days), so no pending retry expires. */
export const DELIVERY_RETENTION_MS = 24 * 24 * 3_600_000;

/** A message attribute as SNS's envelope renders it. */
export interface EnvelopeAttribute {
  Type: string;
  Value: string;
}

export interface DeliveryJob {
  kind: 'notification' | 'confirmation';
  subscriptionArn: string;
  topicArn: string;
  messageId: string;
  /** The message for this subscription's protocol (MessageStructure json picks per protocol). */
  message: string;
  subject?: string;
  /** ISO 8601 with milliseconds, the publish time. */
  timestamp: string;
  attributes?: Record<string, EnvelopeAttribute>;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** Confirmations only. */
  token?: string;
}

export async function ensureDeliveryQueues(ctx: TopicContext): Promise<void> {
  const now = ctx.clock.now();
  for (const [name, fifo] of [[STANDARD_DELIVERY_QUEUE, false], [FIFO_DELIVERY_QUEUE, true]] as const) {
    await ctx.queues.createQueue({ name, settings: { fifo, retentionMs: DELIVERY_RETENTION_MS }, attributes: {} }, now);
  }
}

/** Stores every job (one transaction per queue); resolves once they are durable. */
export async function enqueueDeliveries(ctx: TopicContext, jobs: DeliveryJob[], fifo: boolean): Promise<void> {
  if (jobs.length === 0) return;
  const now = ctx.clock.now();
  const messages = jobs.map((job): OutgoingMessage => {
    const message: OutgoingMessage = { body: JSON.stringify(job), delayMs: 0 };
    if (fifo) message.groupId = `${job.subscriptionArn}|${job.groupId ?? ''}`;
    return message;
  });
  await ctx.queues.send(fifo ? FIFO_DELIVERY_QUEUE : STANDARD_DELIVERY_QUEUE, messages, now);
}
