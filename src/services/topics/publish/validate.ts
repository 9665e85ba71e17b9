/**
 * Publish's checks, in the order SNS applies them, producing the publish-ready message. Wording:
 * the Publish API Reference and the errors SNS returns for it.
 */
import { createHash } from 'node:crypto';
import type { TopicRecord } from '../../../engine/types';
import { invalidParameter, missingParameter } from '../errors';
import { MAX_FIFO_ID_LENGTH, MAX_MESSAGE_BYTES, MAX_SUBJECT_LENGTH } from '../limits';
import type { PublishBatchRequestEntry } from '../api';
import { attributesSize, envelopeAttributes, validateMessageAttributes } from './message-attributes';
import { messageChooser, type MessageForProtocol } from './structure';
import type { EnvelopeAttribute } from '../delivery/job';

export interface ValidMessage {
  message: string;
  messageFor: MessageForProtocol;
  subject?: string;
  attributes: Record<string, EnvelopeAttribute>;
  /** FIFO topics only. */
  groupId?: string;
  deduplicationId?: string;
}

/** Subject: ASCII, starting with a letter, digit or punctuation, no line breaks or control characters. */
const SUBJECT = /^[\x21-\x7e][\x20-\x7e]*$/;
const FIFO_ID = /^[\x21-\x7e]+$/;

export function validateMessage(topic: TopicRecord, entry: Omit<PublishBatchRequestEntry, 'Id'>): ValidMessage {
  if (entry.Message === undefined || entry.Message === null) throw missingParameter('message');
  if (typeof entry.Message !== 'string' || entry.Message === '') throw invalidParameter('Empty message');
  const attributes = validateMessageAttributes(entry.MessageAttributes);
  if (Buffer.byteLength(entry.Message) + attributesSize(attributes) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (entry.Subject !== undefined && (entry.Subject.length > MAX_SUBJECT_LENGTH || !SUBJECT.test(entry.Subject))) throw invalidParameter('Subject');
  const valid: ValidMessage = {
    message: entry.Message,
    messageFor: messageChooser(entry.Message, entry.MessageStructure),
    attributes: envelopeAttributes(attributes),
  };
  if (entry.Subject !== undefined) valid.subject = entry.Subject;
  return topic.fifo ? withFifoIds(topic, entry, valid) : withoutFifoIds(entry, valid);
}

function withFifoIds(topic: TopicRecord, entry: Omit<PublishBatchRequestEntry, 'Id'>, valid: ValidMessage): ValidMessage {
  const groupId = entry.MessageGroupId;
  if (groupId === undefined || groupId === '') throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  if (groupId.length > MAX_FIFO_ID_LENGTH || !FIFO_ID.test(groupId)) throw invalidParameter('MessageGroupId');
  let deduplicationId = entry.MessageDeduplicationId;
  if (deduplicationId === undefined || deduplicationId === '') {
    // Content-based deduplication hashes the message body (SHA-256), not its attributes.
    if (topic.attributes.ContentBasedDeduplication !== 'true') {
      throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    }
    deduplicationId = createHash('sha256').update(entry.Message).digest('hex');
  } else if (deduplicationId.length > MAX_FIFO_ID_LENGTH || !FIFO_ID.test(deduplicationId)) {
    throw invalidParameter('MessageDeduplicationId');
  }
  return { ...valid, groupId, deduplicationId };
}

function withoutFifoIds(entry: Omit<PublishBatchRequestEntry, 'Id'>, valid: ValidMessage): ValidMessage {
  if (entry.MessageDeduplicationId !== undefined) {
    throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  return valid;
}
