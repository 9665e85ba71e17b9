/**
 * Confirmation requests for subscriptions that must be confirmed: HTTP/S endpoints get SNS's
 * SubscriptionConfirmation POST (a durable delivery job, retried like notifications); e-mail
 * endpoints get the confirmation mail, captured.
 */
import { randomUUID } from 'node:crypto';
import type { SubscriptionRecord, TopicRecord } from '../../../engine/types';
import type { TopicContext } from '../context';
import type { MailCapture } from '../mail';
import { subscribeUrl, topicArn } from '../names';
import { confirmationText } from './envelope';
import { enqueueDeliveries, type DeliveryJob } from './job';

/** The subject of SNS's confirmation mail. */
const CONFIRMATION_SUBJECT = 'AWS Notification - Subscription Confirmation';

export function createConfirmationSender(ctx: TopicContext, mail: MailCapture, ready: () => Promise<void>) {
  return async (topic: TopicRecord, subscription: SubscriptionRecord): Promise<void> => {
    const arn = topicArn(ctx, topic.name);
    const token = subscription.token ?? '';
    const now = ctx.clock.now();
    if (subscription.protocol === 'email' || subscription.protocol === 'email-json') {
      const name = topic.attributes.DisplayName || topic.name;
      await mail.add({
        to: subscription.endpoint,
        protocol: subscription.protocol,
        subject: CONFIRMATION_SUBJECT,
        body: `You have chosen to subscribe to the topic:\n${arn}\n\nTo confirm this subscription, click or visit the link below (If this was in error no action is necessary):\n${subscribeUrl(ctx, arn, token)}\n\n(${name})`,
        topicArn: arn,
        subscriptionArn: subscription.arn,
        type: 'SubscriptionConfirmation',
        at: now,
      });
      return;
    }
    const job: DeliveryJob = {
      kind: 'confirmation',
      subscriptionArn: subscription.arn,
      topicArn: arn,
      messageId: randomUUID(),
      message: confirmationText(arn),
      timestamp: new Date(now).toISOString(),
      token,
    };
    await ready();
    await enqueueDeliveries(ctx, [job], false);
  };
}
