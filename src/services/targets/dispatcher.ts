/**
 * Hands a payload to the service its target ARN names. Every destination is itself durable (an
 * SQS message, a function's async-invocation queue, the targets of an event bus's rules), so
 * `deliver` resolves once the payload is stored there.
 *
 * A failed rule or schedule delivery is retried under the target's RetryPolicy (retries.ts),
 * then goes to the target's dead-letter queue when it has one; otherwise the loss is reported.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../../shared/errors';
import type { DeliveryOrigin, DeliveryTarget, TargetDispatcher } from './types';

export interface DispatchPorts {
  /** SQS: the queue service's SendMessage. */
  sendMessage(input: {
    QueueUrl: string;
    MessageBody: string;
    MessageGroupId?: string;
    MessageDeduplicationId?: string;
    MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  }): Promise<unknown>;
  /** SNS: Publish to a topic. */
  publish(input: { TopicArn: string; Message: string; MessageGroupId?: string; MessageDeduplicationId?: string }): Promise<unknown>;
  /** Lambda: an asynchronous (Event) invocation. */
  invokeAsync(functionName: string, payload: string): Promise<unknown>;
  /** EventBridge: PutEvents on a bus. */
  putEvents(input: { Entries: { EventBusName: string; Source: string; DetailType: string; Detail: string; Resources?: string[]; Time?: Date }[] }): Promise<{
    FailedEntryCount?: number;
    Entries?: ({ EventId: string } | { ErrorCode: string; ErrorMessage?: string })[];
  }>;
  queueUrlFromName(name: string): string;
  now(): number;
}

export class DeliveryError extends UserError {}

export function createTargetDispatcher(ports: DispatchPorts) {
  async function send(target: DeliveryTarget, payload: string, origin: DeliveryOrigin): Promise<void> {
    const arn = parseArn(target.arn);
    switch (arn.service) {
      case 'sqs':
        await ports.sendMessage({
          QueueUrl: ports.queueUrlFromName(arn.resource),
          MessageBody: payload,
          MessageGroupId: target.messageGroupId,
          // FIFO targets without content-based deduplication need an id; the payload's hash is stable per event.
          MessageDeduplicationId: arn.resource.endsWith('.fifo') ? sha256(payload) : undefined,
          MessageAttributes: stringAttributes(origin.messageAttributes),
        });
        return;
      case 'lambda':
        await ports.invokeAsync(arn.resource.replace(/^function:/, '').split(':')[0], payload);
        return;
      case 'sns':
        await ports.publish({
          TopicArn: target.arn,
          Message: payload,
          MessageGroupId: target.messageGroupId,
          MessageDeduplicationId: arn.resource.endsWith('.fifo') ? sha256(payload) : undefined,
        });
        return;
      case 'events':
        return putEvent(arn.resource.replace(/^event-bus\//, ''), payload);
      default:
        throw new DeliveryError('UnsupportedTarget', `Stratus cannot deliver to ${target.arn} yet`);
    }
  }

  async function putEvent(bus: string, payload: string): Promise<void> {
    const event = JSON.parse(payload) as { source?: string; 'detail-type'?: string; detail?: unknown; resources?: string[] };
    const out = await ports.putEvents({
      Entries: [{ EventBusName: bus, Source: event.source ?? 'stratus', DetailType: event['detail-type'] ?? 'Event', Detail: JSON.stringify(event.detail ?? {}), Resources: event.resources }],
    });
    const failed = out.Entries?.find((e) => 'ErrorCode' in e);
    if (failed && 'ErrorCode' in failed) throw new DeliveryError(failed.ErrorCode, failed.ErrorMessage ?? 'PutEvents failed');
  }

  /** EventBridge/Scheduler: what cannot be delivered goes to the target's dead-letter queue with its reason. */
  async function giveUp(target: DeliveryTarget, payload: string, origin: DeliveryOrigin, error: { code: string; message: string }): Promise<void> {
    if (!target.deadLetterArn) throw new DeliveryError(error.code, `${target.arn}: ${error.message}`);
    await send({ arn: target.deadLetterArn }, payload, {
      ...origin,
      messageAttributes: {
        ERROR_CODE: error.code,
        ERROR_MESSAGE: error.message,
        TARGET_ARN: target.arn,
        ...(origin.kind === 'rule' ? { RULE_ARN: origin.sourceArn } : {}),
      },
    });
  }

  const dispatcher: TargetDispatcher & { send: typeof send; giveUp: typeof giveUp; retries?: Retrier } = {
    send,
    giveUp,
    async deliver(target, payload, origin) {
      const firstAttemptAt = ports.now();
      try {
        await send(target, payload, origin);
      } catch (err) {
        // Rules and schedules retry under the target's RetryPolicy; a function's destinations do not.
        const retried = origin.kind !== 'function' && dispatcher.retries && (await dispatcher.retries.schedule(target, payload, origin, err, firstAttemptAt));
        if (!retried) await giveUp(target, payload, origin, { code: (err as { code?: string }).code ?? 'DeliveryFailed', message: (err as Error).message });
      }
    },
  };
  return dispatcher;
}

/** Where failed rule and schedule deliveries wait for their next attempt (see retries.ts). */
export interface Retrier {
  schedule(target: DeliveryTarget, payload: string, origin: DeliveryOrigin, error: unknown, firstAttemptAt: number): Promise<boolean>;
}

function parseArn(arn: string): { service: string; resource: string } {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw new DeliveryError('InvalidTarget', `not an ARN: ${arn}`);
  return { service: parts[2], resource: parts.slice(5).join(':') };
}

function stringAttributes(attributes: Record<string, string> | undefined) {
  if (!attributes) return undefined;
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
