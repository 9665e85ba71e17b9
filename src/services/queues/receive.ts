/**
 * ReceiveMessage: parameters checked as SQS checks them, one atomic engine lease per attempt,
 * long polling (WaitTimeSeconds, else the queue's ReceiveMessageWaitTimeSeconds), and the
 * requested system and message attributes with their digests.
 */
import type { QueueRecord, ReceivedMessage } from '../../engine/types';
import { optionalInteger, type QueueContext } from './context';
import { invalidParameter } from './errors';
import { MAX_NUMBER_OF_MESSAGES, RECEIVE_WAIT_TIME_SECONDS, VISIBILITY_TIMEOUT } from './limits';
import { receiveWithWait } from './long-poll';
import { decodeAttributes } from './message-codec';
import { md5Hex, md5OfAttributes } from './md5';
import { queueArn } from './names';
import type { Message, MessageAttributeMap, ReceiveMessageInput, ReceiveMessageOutput } from './types';

export function createReceive(ctx: QueueContext) {
  return {
    async receiveMessage(input: ReceiveMessageInput): Promise<ReceiveMessageOutput> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const max =
        optionalInteger('MaxNumberOfMessages', input.MaxNumberOfMessages, MAX_NUMBER_OF_MESSAGES, 'Must be between 1 and 10, if provided.', invalidParameter) ??
        MAX_NUMBER_OF_MESSAGES.default;
      const visibility =
        optionalInteger('VisibilityTimeout', input.VisibilityTimeout, VISIBILITY_TIMEOUT, 'Must be >= 0 and <= 43200, if provided.', invalidParameter) ??
        Number(queue.attributes.VisibilityTimeout);
      const wait =
        optionalInteger('WaitTimeSeconds', input.WaitTimeSeconds, RECEIVE_WAIT_TIME_SECONDS, 'Must be >= 0 and <= 20, if provided.', invalidParameter) ??
        Number(queue.attributes.ReceiveMessageWaitTimeSeconds);
      const deadline = ctx.clock.now() + wait * 1000;
      const attempt = () => ctx.store.receive(queue.name, { max, visibilityTimeoutMs: visibility * 1000, now: ctx.clock.now() });
      const result = wait > 0 ? await receiveWithWait(ctx, queue.name, deadline, attempt) : await attempt();
      if (result.messages.length === 0) return {};
      const render = renderer(ctx, queue, input);
      return { Messages: result.messages.map(render) };
    },
  };
}

function renderer(ctx: QueueContext, queue: QueueRecord, input: ReceiveMessageInput) {
  const systemNames = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
  const wantsSystem = (name: string) => systemNames.has('All') || systemNames.has(name);
  const userFilter = attributeFilter(input.MessageAttributeNames ?? []);
  return (m: ReceivedMessage): Message => {
    const { user, system } = decodeAttributes(m.attributes);
    const message: Message = { MessageId: m.messageId, ReceiptHandle: m.receiptHandle, MD5OfBody: md5Hex(m.body), Body: m.body };
    const attributes = systemAttributes(ctx, queue, m, system);
    const chosen = Object.fromEntries(Object.entries(attributes).filter(([name]) => wantsSystem(name)));
    if (Object.keys(chosen).length > 0) message.Attributes = chosen;
    const userChosen: MessageAttributeMap = Object.fromEntries(Object.entries(user).filter(([name]) => userFilter(name)));
    if (Object.keys(userChosen).length > 0) {
      message.MessageAttributes = userChosen;
      message.MD5OfMessageAttributes = md5OfAttributes(userChosen);
    }
    return message;
  };
}

/** The system attributes SQS can return for a message (ReceiveMessage, MessageSystemAttributeNames). */
function systemAttributes(ctx: QueueContext, queue: QueueRecord, m: ReceivedMessage, system: MessageAttributeMap): Record<string, string> {
  const out: Record<string, string> = {
    // SQS reports the sender's principal id; every local caller is the account itself.
    SenderId: ctx.accountId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
  };
  if (m.sequenceNumber !== undefined) out.SequenceNumber = m.sequenceNumber;
  if (m.groupId !== undefined) out.MessageGroupId = m.groupId;
  if (m.deduplicationId !== undefined && queue.settings.fifo) out.MessageDeduplicationId = m.deduplicationId;
  if (m.deadLetterSource !== undefined) out.DeadLetterQueueSourceArn = queueArn(ctx, m.deadLetterSource);
  if (system.AWSTraceHeader?.StringValue) out.AWSTraceHeader = system.AWSTraceHeader.StringValue;
  return out;
}

/** MessageAttributeNames: exact names, `All` or `.*`, and prefixes written `name.*`. */
function attributeFilter(names: string[]): (name: string) => boolean {
  if (names.includes('All') || names.includes('.*')) return () => true;
  const exact = new Set(names.filter((n) => !n.endsWith('.*')));
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}
