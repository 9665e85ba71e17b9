/** SendMessage and SendMessageBatch: validation, FIFO rules, digests, one engine call per request. */
import { createHash } from 'node:crypto';
import type { OutgoingMessage, QueueRecord, SentMessage } from '../../engine/types';
import { optionalInteger, type QueueContext } from './context';
import { batchRequestTooLong, invalidParameter, invalidParameterValue, missingParameter } from './errors';
import { BATCH_MAX_PAYLOAD_BYTES, DEDUPLICATION_ID_MAX_LENGTH, DELAY_SECONDS, MESSAGE_GROUP_ID_MAX_LENGTH } from './limits';
import { assertValidBody, validateMessageAttributes, validateSystemAttributes } from './message-validation';
import { encodeAttributes } from './message-codec';
import { md5Hex, md5OfAttributes } from './md5';
import { assertBatchShape, entryFailure } from './batch';
import type { SendMessageBatchEntry, SendMessageBatchOutput, SendMessageInput, SendMessageOutput } from './types';

/** MessageGroupId / MessageDeduplicationId: alphanumerics and ASCII punctuation. */
const ID_CHARS = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]+$/;
const NOT_FOR_THIS_QUEUE_TYPE = 'The request include parameter that is not valid for this queue type.';

interface Prepared {
  outgoing: OutgoingMessage;
  size: number;
  digests: Omit<SendMessageOutput, 'MessageId' | 'SequenceNumber'>;
}

export function createSend(ctx: QueueContext) {
  const send = async (queue: QueueRecord, prepared: Prepared[]): Promise<SentMessage[]> =>
    ctx.store.send(queue.name, prepared.map((p) => p.outgoing), ctx.clock.now());

  return {
    async sendMessage(input: SendMessageInput): Promise<SendMessageOutput> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const prepared = prepare(queue, input);
      const [sent] = await send(queue, [prepared]);
      return output(prepared, sent);
    },

    async sendMessageBatch(input: { QueueUrl: string; Entries: SendMessageBatchEntry[] }): Promise<SendMessageBatchOutput> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      assertBatchShape(input.Entries, 'SendMessageBatchRequestEntry');
      const result: SendMessageBatchOutput = { Successful: [], Failed: [] };
      const accepted: { id: string; prepared: Prepared }[] = [];
      let total = 0;
      for (const entry of input.Entries) {
        try {
          const prepared = prepare(queue, entry);
          total += prepared.size;
          accepted.push({ id: entry.Id, prepared });
        } catch (err) {
          result.Failed.push(entryFailure(entry.Id, err));
        }
      }
      if (total > BATCH_MAX_PAYLOAD_BYTES) {
        throw batchRequestTooLong(total, BATCH_MAX_PAYLOAD_BYTES);
      }
      const sent = accepted.length > 0 ? await send(queue, accepted.map((a) => a.prepared)) : [];
      accepted.forEach((a, i) => result.Successful.push({ Id: a.id, ...output(a.prepared, sent[i]) }));
      return result;
    },
  };
}

function prepare(queue: QueueRecord, input: Omit<SendMessageInput, 'QueueUrl'>): Prepared {
  assertValidBody(input.MessageBody);
  const size = Buffer.byteLength(input.MessageBody) + validateMessageAttributes(input.MessageAttributes);
  validateSystemAttributes(input.MessageSystemAttributes);
  const max = Number(queue.attributes.MaximumMessageSize);
  if (size > max) throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`);
  const delaySeconds = optionalInteger('DelaySeconds', input.DelaySeconds, DELAY_SECONDS, 'DelaySeconds must be >= 0 and <= 900', invalidParameter);
  const outgoing: OutgoingMessage = {
    body: input.MessageBody,
    attributes: encodeAttributes(input.MessageAttributes, input.MessageSystemAttributes),
    delayMs: (delaySeconds ?? Number(queue.attributes.DelaySeconds)) * 1000,
  };
  if (queue.settings.fifo) applyFifoRules(queue, input, outgoing);
  else {
    if (input.MessageDeduplicationId !== undefined) throw invalidParameter('MessageDeduplicationId', input.MessageDeduplicationId, NOT_FOR_THIS_QUEUE_TYPE);
    // Standard queues accept MessageGroupId since fair queues (2025): kept and returned, no ordering.
    if (input.MessageGroupId !== undefined) outgoing.groupId = checkedId('MessageGroupId', input.MessageGroupId, MESSAGE_GROUP_ID_MAX_LENGTH);
  }
  return {
    outgoing,
    size,
    digests: {
      MD5OfMessageBody: md5Hex(input.MessageBody),
      ...optional('MD5OfMessageAttributes', md5OfAttributes(input.MessageAttributes)),
      ...optional('MD5OfMessageSystemAttributes', md5OfAttributes(input.MessageSystemAttributes)),
    },
  };
}

/**
 * FIFO: a group is required; per-message delays are not allowed (only the queue's); deduplication
 * by the given id or, with ContentBasedDeduplication, the SHA-256 of the body. With
 * DeduplicationScope messageGroup the same id in two groups is two messages.
 */
function applyFifoRules(queue: QueueRecord, input: Omit<SendMessageInput, 'QueueUrl'>, out: OutgoingMessage): void {
  if (input.DelaySeconds !== undefined && input.DelaySeconds !== null) throw invalidParameter('DelaySeconds', input.DelaySeconds, NOT_FOR_THIS_QUEUE_TYPE);
  if (input.MessageGroupId === undefined) throw missingParameter('MessageGroupId');
  out.groupId = checkedId('MessageGroupId', input.MessageGroupId, MESSAGE_GROUP_ID_MAX_LENGTH);
  let dedupId = input.MessageDeduplicationId;
  if (dedupId === undefined) {
    if (queue.attributes.ContentBasedDeduplication !== 'true') {
      throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
    dedupId = createHash('sha256').update(input.MessageBody).digest('hex');
  }
  out.deduplicationId = checkedId('MessageDeduplicationId', dedupId, DEDUPLICATION_ID_MAX_LENGTH);
  out.deduplicationKey = queue.attributes.DeduplicationScope === 'messageGroup' ? `${out.groupId}\u0000${dedupId}` : dedupId;
}

function checkedId(name: string, value: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || !ID_CHARS.test(value)) {
    throw invalidParameter(name, value, `${name} can only include alphanumeric and punctuation characters. 1 to ${maxLength} in length.`);
  }
  return value;
}

function output(prepared: Prepared, sent: SentMessage): SendMessageOutput {
  return {
    MessageId: sent.messageId,
    ...prepared.digests,
    ...optional('SequenceNumber', sent.sequenceNumber),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
