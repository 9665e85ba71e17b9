/**
 * The JSON documents SNS sends: the notification envelope (SQS bodies, HTTP/S POSTs, email-json;
 * "HTTP/HTTPS notification JSON format"), the subscription confirmation ("HTTP/HTTPS subscription
 * confirmation JSON format") and the Lambda event ("Using AWS Lambda with Amazon SNS"; note the
 * Lambda event spells SigningCertUrl and UnsubscribeUrl, the envelope SigningCertURL and
 * UnsubscribeURL). Field order follows AWS's examples.
 */
import type { TopicAddressing } from '../names';
import { signingCertUrl, subscribeUrl, unsubscribeUrl } from '../names';
import type { DeliveryJob } from './job';
import { sign } from './signature';

export const SIGNATURE_VERSION = '1';

export function notificationEnvelope(job: DeliveryJob, a: TopicAddressing): Record<string, unknown> {
  const envelope: Record<string, unknown> = { Type: 'Notification', MessageId: job.messageId };
  if (job.sequenceNumber !== undefined) envelope.SequenceNumber = job.sequenceNumber;
  envelope.TopicArn = job.topicArn;
  if (job.subject !== undefined) envelope.Subject = job.subject;
  envelope.Message = job.message;
  envelope.Timestamp = job.timestamp;
  envelope.SignatureVersion = SIGNATURE_VERSION;
  envelope.Signature = sign(['Message', job.message, 'MessageId', job.messageId, 'Subject', job.subject, 'Timestamp', job.timestamp, 'TopicArn', job.topicArn, 'Type', 'Notification']);
  envelope.SigningCertURL = signingCertUrl(a);
  envelope.UnsubscribeURL = unsubscribeUrl(a, job.subscriptionArn);
  if (job.attributes && Object.keys(job.attributes).length > 0) envelope.MessageAttributes = job.attributes;
  return envelope;
}

export function confirmationEnvelope(job: DeliveryJob, a: TopicAddressing): Record<string, unknown> {
  const url = subscribeUrl(a, job.topicArn, job.token ?? '');
  return {
    Type: 'SubscriptionConfirmation',
    MessageId: job.messageId,
    Token: job.token,
    TopicArn: job.topicArn,
    Message: job.message,
    SubscribeURL: url,
    Timestamp: job.timestamp,
    SignatureVersion: SIGNATURE_VERSION,
    Signature: sign(['Message', job.message, 'MessageId', job.messageId, 'SubscribeURL', url, 'Timestamp', job.timestamp, 'Token', job.token, 'TopicArn', job.topicArn, 'Type', 'SubscriptionConfirmation']),
    SigningCertURL: signingCertUrl(a),
  };
}

/** What the confirmation's Message says (the Guide's example, with the topic's ARN). */
export const confirmationText = (topicArn: string) =>
  `You have chosen to subscribe to the topic ${topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`;

export function lambdaEvent(job: DeliveryJob, a: TopicAddressing): string {
  const envelope = notificationEnvelope(job, a);
  return JSON.stringify({
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: job.subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: job.messageId,
          TopicArn: job.topicArn,
          // The Lambda event always has Subject: null when Publish gave none.
          Subject: job.subject ?? null,
          Message: job.message,
          Timestamp: job.timestamp,
          SignatureVersion: SIGNATURE_VERSION,
          Signature: envelope.Signature,
          SigningCertUrl: envelope.SigningCertURL,
          UnsubscribeUrl: envelope.UnsubscribeURL,
          MessageAttributes: job.attributes ?? {},
        },
      },
    ],
  });
}
