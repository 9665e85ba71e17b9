/**
 * The SNS domain service: topics, subscriptions (with HTTP/S and e-mail confirmation), Publish
 * and PublishBatch with filter policies, and durable fan-out deliveries to SQS, Lambda, HTTP/S
 * and (captured) e-mail. Operations take and return the SNS API's shapes (api.ts) and throw
 * SnsError; no HTTP here — a query-protocol adapter sits on top.
 *
 * Gaps, on purpose or not yet: SMS, mobile push, Firehose and application endpoints are refused
 * by name; message signatures are Stratus's own (see delivery/signature.ts); e-mail goes to the
 * mail outbox through the captureEmail port (and is kept in memory too); unconfirmed
 * subscriptions are never expired (SNS drops them after 3 days); AddPermission/RemovePermission,
 * data protection and message archiving/replay are not served;
 * SNS's retry jitter and HTTP throttle policy (maxReceivesPerSecond) are not applied.
 */
import type { AppModel } from '../../template/model';
import { createContext, type TopicServiceOptions } from './context';
import { createConfirmationSender } from './delivery/confirmation';
import { ensureDeliveryQueues } from './delivery/job';
import { DeliveryWorker } from './delivery/worker';
import { MailCapture, type CapturedEmail } from './mail';
import { createSubscriptionOperations } from './operations/subscriptions';
import { createTagOperations } from './operations/tags';
import { createTopicOperations } from './operations/topics';
import { createPublish } from './publish/publish';
import { applyTemplateTopics, type AppliedTemplate } from './template/apply';
import { readSqsSubscriptionMappings, type SqsSubscriptionMapping } from './template/read';

export type TopicService = ReturnType<typeof createTopicService>;

export function createTopicService(options: TopicServiceOptions) {
  const ctx = createContext(Object.freeze({ ...options }));
  const mail = new MailCapture(options.ports.captureEmail && ((m) => options.ports.captureEmail!(m)));
  let queuesReady: Promise<void> | undefined;
  // The internal delivery queues are created on first need, once per service.
  const ready = () => (queuesReady ??= ensureDeliveryQueues(ctx));
  const topics = createTopicOperations(ctx);
  const subscriptions = createSubscriptionOperations(ctx, createConfirmationSender(ctx, mail, ready));
  const worker = new DeliveryWorker(ctx, mail);

  return {
    ...topics,
    ...subscriptions,
    ...createTagOperations(ctx),
    ...createPublish(ctx, ready),

    /** Creates or updates the template's topics and subscriptions (SNS events included). */
    ensureTemplateTopics: (model: AppModel): Promise<AppliedTemplate> => applyTemplateTopics(ctx, { topics, subscriptions }, model),
    /** The SQS queues SAM maps to functions for `SNS` events with SqsSubscription (start a poller for each). */
    templateSqsSubscriptions: (model: AppModel): SqsSubscriptionMapping[] => readSqsSubscriptionMappings(model),
    /** Mail for email/email-json subscribers (confirmations and notifications), oldest first. */
    capturedEmails: (): CapturedEmail[] => mail.list(),

    /** Starts delivering (deliveries stored before a restart resume here). */
    async start(): Promise<void> {
      await ready();
      worker.start();
    },
    /** Stops the delivery loops; an attempt in flight is abandoned and retried after a restart. */
    async close(): Promise<void> {
      await worker.stop();
    },
  };
}
