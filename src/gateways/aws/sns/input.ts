/**
 * Query requests → the SNS API's input shapes. The generic decoder has already turned
 *   `Attributes.entry.N.key/value`                → { Attributes: { k: v } }
 *   `MessageAttributes.entry.N.Name/Value.…`      → { MessageAttributes: { name: { DataType, … } } }
 *   `Tags.member.N.Key/Value`, `TagKeys.member.N` → lists
 *   `PublishBatchRequestEntries.member.N.…`       → a list of entries
 * (the SDK v3 query serializer, botocore and CLI v2.9 all send these forms). This keeps the members
 * each operation has, checks each is the kind it must be, and turns booleans into booleans; a
 * structure where a value belongs (or the reverse) is InvalidParameter, as SNS answers a bad member.
 * Missing required members are left for the topic service, which names them in SNS's wording.
 */
import { invalidParameter } from '../../../services/topics/errors';

type Kind = 'string' | 'boolean' | 'stringMap' | 'tags' | 'stringList' | 'messageAttributes' | 'batchEntries';
type Members = Record<string, Kind>;

const PUBLISH_MESSAGE: Members = {
  Message: 'string',
  Subject: 'string',
  MessageStructure: 'string',
  MessageAttributes: 'messageAttributes',
  MessageDeduplicationId: 'string',
  MessageGroupId: 'string',
};

/** Members by operation (SNS API Reference, each action's "Request Parameters"). */
export const INPUT_MEMBERS: Record<string, Members> = {
  CreateTopic: { Name: 'string', Attributes: 'stringMap', Tags: 'tags', DataProtectionPolicy: 'string' },
  DeleteTopic: { TopicArn: 'string' },
  ListTopics: { NextToken: 'string' },
  GetTopicAttributes: { TopicArn: 'string' },
  SetTopicAttributes: { TopicArn: 'string', AttributeName: 'string', AttributeValue: 'string' },
  Subscribe: { TopicArn: 'string', Protocol: 'string', Endpoint: 'string', Attributes: 'stringMap', ReturnSubscriptionArn: 'boolean' },
  ConfirmSubscription: { TopicArn: 'string', Token: 'string', AuthenticateOnUnsubscribe: 'string' },
  Unsubscribe: { SubscriptionArn: 'string' },
  ListSubscriptions: { NextToken: 'string' },
  ListSubscriptionsByTopic: { TopicArn: 'string', NextToken: 'string' },
  GetSubscriptionAttributes: { SubscriptionArn: 'string' },
  SetSubscriptionAttributes: { SubscriptionArn: 'string', AttributeName: 'string', AttributeValue: 'string' },
  Publish: { TopicArn: 'string', TargetArn: 'string', PhoneNumber: 'string', ...PUBLISH_MESSAGE },
  PublishBatch: { TopicArn: 'string', PublishBatchRequestEntries: 'batchEntries' },
  TagResource: { ResourceArn: 'string', Tags: 'tags' },
  UntagResource: { ResourceArn: 'string', TagKeys: 'stringList' },
  ListTagsForResource: { ResourceArn: 'string' },
};

const BATCH_ENTRY: Members = { Id: 'string', ...PUBLISH_MESSAGE };
const MESSAGE_ATTRIBUTE_VALUE: Members = { DataType: 'string', StringValue: 'string', BinaryValue: 'string' };
const TAG: Members = { Key: 'string', Value: 'string' };

export function readQueryInput(operation: string, decoded: Record<string, unknown>): Record<string, unknown> {
  return readStruct(INPUT_MEMBERS[operation] ?? {}, decoded, '');
}

function readStruct(members: Members, value: unknown, where: string): Record<string, unknown> {
  if (!isObject(value)) throw bad(where, 'must be a structure');
  const out: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(members)) {
    const raw = Object.hasOwn(value, name) ? value[name] : undefined;
    if (raw !== undefined) out[name] = read(kind, raw, where ? `${where}.${name}` : name);
  }
  return out;
}

function read(kind: Kind, value: unknown, where: string): unknown {
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') throw bad(where, 'must be a single value');
      return value;
    case 'boolean':
      if (typeof value !== 'string' || !/^(true|false)$/i.test(value)) throw bad(where, 'must be true or false');
      return value.toLowerCase() === 'true';
    case 'stringMap':
      return mapOf(value, where, (item, at) => read('string', item, at));
    case 'messageAttributes':
      return mapOf(value, where, (item, at) => readStruct(MESSAGE_ATTRIBUTE_VALUE, item, at));
    case 'tags':
      return listOf(value, where, (item, at) => readStruct(TAG, item, at));
    case 'stringList':
      return listOf(value, where, (item, at) => read('string', item, at));
    case 'batchEntries':
      return listOf(value, where, (item, at) => readStruct(BATCH_ENTRY, item, at));
  }
}

function mapOf(value: unknown, where: string, item: (v: unknown, at: string) => unknown): Record<string, unknown> {
  if (value === '') return {};
  if (!isObject(value)) throw bad(where, 'must be a map of entry.N.key / entry.N.value');
  // fromEntries defines own properties, so a key such as `constructor` stays a plain key.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, item(v, `${where}.${k}`)]));
}

function listOf(value: unknown, where: string, item: (v: unknown, at: string) => unknown): unknown[] {
  // The query serializers send an empty list as a bare `X=` (SDK v3, botocore).
  if (value === '') return [];
  // A single `X.member.1` decodes to a one-item list already; a bare `X=v` is one item too.
  const items = Array.isArray(value) ? value : [value];
  return items.map((v, i) => item(v, `${where}.member.${i + 1}`));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const bad = (where: string, reason: string) => invalidParameter(`${where || 'request'} Reason: ${reason}`);
