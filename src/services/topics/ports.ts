/**
 * What the topics service needs from outside, injected by the composition root: the SQS
 * service (subscribed queues, dead-letter queues, SAM's SqsSubscription queues), Lambda's
 * asynchronous invocation, and fetch for HTTP/HTTPS subscribers.
 */
import type { CreateQueueInput, SendMessageInput } from '../queues/types';
import type { CapturedEmail } from './mail';

export interface TopicDeliveryPorts {
  /** The SQS service's SendMessage; throws SqsError (QueueDoesNotExist, …). */
  sendMessage(input: SendMessageInput): Promise<unknown>;
  /** The SQS service's CreateQueue (for SAM's `SqsSubscription: true` queues). */
  createQueue(input: CreateQueueInput): Promise<{ QueueUrl: string }>;
  /** Lambda asynchronous (Event) invocation; rejects for an unknown function. */
  invokeAsync(functionName: string, payload: string): Promise<unknown>;
  /** HTTP/HTTPS subscribers; defaults to the global fetch. */
  fetch?: typeof fetch;
  /**
   * E-mail and e-mail-json subscribers: the durable mail outbox (the SES service's capture). A
   * rejection fails the delivery, which is then retried like any other.
   */
  captureEmail?(mail: CapturedEmail): Promise<unknown>;
}
