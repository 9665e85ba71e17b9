/**
 * One delivery attempt to one subscriber, by protocol. The outcome says whether a failure is the
 * subscriber's (client-side: a deleted queue or function; SNS does not retry those and moves the
 * message to the dead-letter queue at once) or transient (server-side: retried under the
 * delivery policy). Source: "Amazon SNS dead-letter queues", "Why do message deliveries fail?".
 */
import type { SubscriptionRecord, TopicRecord } from '../../../engine/types';
import type { SendMessageInput } from '../../queues/types';
import { queueUrl } from '../../queues/names';
import type { TopicContext } from '../context';
import { functionNameOf, queueNameOf } from '../endpoints';
import { DEFAULT_EMAIL_SUBJECT, type MailCapture } from '../mail';
import { sqsAttributes } from '../publish/message-attributes';
import { confirmationEnvelope, lambdaEvent, notificationEnvelope } from './envelope';
import type { DeliveryJob } from './job';

export type DeliveryOutcome = { ok: true } | { ok: false; clientSide: boolean; reason: string };

/** How long Stratus waits for an HTTP/S subscriber before counting the attempt as failed. */
export const HTTP_TIMEOUT_MS = 15_000;
const USER_AGENT = 'Amazon Simple Notification Service Agent';
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=UTF-8';

export interface DeliveryTarget {
  job: DeliveryJob;
  subscription: SubscriptionRecord;
  topic: TopicRecord;
}

export async function deliver(ctx: TopicContext, mail: MailCapture, target: DeliveryTarget, stop: AbortSignal): Promise<DeliveryOutcome> {
  const { subscription } = target;
  try {
    switch (subscription.protocol) {
      case 'sqs':
        await ctx.ports.sendMessage(sqsMessage(ctx, target, queueNameOf(subscription.endpoint)));
        return { ok: true };
      case 'lambda':
        await ctx.ports.invokeAsync(functionNameOf(subscription.endpoint), lambdaEvent(target.job, ctx));
        return { ok: true };
      case 'http':
      case 'https':
        return await post(ctx, target, stop);
      case 'email':
      case 'email-json':
        await captureMail(ctx, mail, target);
        return { ok: true };
      default:
        return { ok: false, clientSide: true, reason: `protocol ${subscription.protocol} is not delivered by Stratus` };
    }
  } catch (err) {
    return { ok: false, clientSide: isClientSide(err), reason: (err as Error).message };
  }
}

/** The SQS message a subscription (or its dead-letter queue) receives. */
export function sqsMessage(ctx: TopicContext, target: DeliveryTarget, queueName: string): SendMessageInput {
  const { job, subscription } = target;
  const raw = subscription.attributes.RawMessageDelivery === 'true';
  const input: SendMessageInput = {
    QueueUrl: queueUrl(ctx, queueName),
    MessageBody: raw ? job.message : JSON.stringify(notificationEnvelope(job, ctx)),
  };
  if (raw && job.attributes) input.MessageAttributes = sqsAttributes(job.attributes);
  // A FIFO topic hands its group and deduplication ids on to a FIFO queue.
  if (queueName.endsWith('.fifo')) {
    input.MessageGroupId = job.groupId ?? subscription.arn;
    input.MessageDeduplicationId = job.deduplicationId ?? job.messageId;
  }
  return input;
}

async function post(ctx: TopicContext, target: DeliveryTarget, stop: AbortSignal): Promise<DeliveryOutcome> {
  const { job, subscription, topic } = target;
  const confirmation = job.kind === 'confirmation';
  const raw = !confirmation && subscription.attributes.RawMessageDelivery === 'true';
  const headers: Record<string, string> = {
    'x-amz-sns-message-type': confirmation ? 'SubscriptionConfirmation' : 'Notification',
    'x-amz-sns-message-id': job.messageId,
    'x-amz-sns-topic-arn': job.topicArn,
    'content-type': requestContentType(subscription, topic),
    'user-agent': USER_AGENT,
  };
  if (!confirmation) headers['x-amz-sns-subscription-arn'] = subscription.arn;
  if (raw) headers['x-amz-sns-rawdelivery'] = 'true';
  const body = confirmation ? JSON.stringify(confirmationEnvelope(job, ctx)) : raw ? job.message : JSON.stringify(notificationEnvelope(job, ctx));
  const fetchFn = ctx.ports.fetch ?? fetch;
  const response = await fetchFn(subscription.endpoint, {
    method: 'POST',
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.any([stop, AbortSignal.timeout(HTTP_TIMEOUT_MS)]),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true };
  return { ok: false, clientSide: false, reason: `HTTP ${response.status}` };
}

/** requestPolicy.headerContentType of the subscription's or topic's DeliveryPolicy. */
function requestContentType(subscription: SubscriptionRecord, topic: TopicRecord): string {
  const pick = (text: string | undefined, path: (p: any) => unknown) => {
    try {
      const value = text ? path(JSON.parse(text)) : undefined;
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  return (
    pick(subscription.attributes.DeliveryPolicy, (p) => p?.requestPolicy?.headerContentType) ??
    pick(topic.attributes.DeliveryPolicy, (p) => p?.http?.defaultRequestPolicy?.headerContentType) ??
    DEFAULT_CONTENT_TYPE
  );
}

function captureMail(ctx: TopicContext, mail: MailCapture, { job, subscription }: DeliveryTarget): Promise<void> {
  const json = subscription.protocol === 'email-json';
  return mail.add({
    to: subscription.endpoint,
    protocol: json ? 'email-json' : 'email',
    subject: job.subject ?? DEFAULT_EMAIL_SUBJECT,
    body: json ? JSON.stringify(notificationEnvelope(job, ctx)) : job.message,
    topicArn: job.topicArn,
    subscriptionArn: subscription.arn,
    type: 'Notification',
    at: ctx.clock.now(),
  });
}

/** A missing queue or function, or a request the target refuses: the subscriber's to fix. */
function isClientSide(err: unknown): boolean {
  const e = err as { senderFault?: boolean; code?: string; name?: string; message?: string };
  if (e?.senderFault === true) return true;
  if (e?.code === 'ResourceNotFoundException' || e?.name === 'ResourceNotFoundException') return true;
  return /not found|does not exist/i.test(e?.message ?? '');
}
