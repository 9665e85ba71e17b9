/**
 * The input shapes of the SQS operations: member types (checked on JSON requests, converted from
 * the query form's strings) and the query protocol's names for them. Names and flattening follow
 * the SQS service model (botocore `sqs/2012-11-05`, query edition: `Attribute.N.Name`,
 * `MessageAttribute.N.Value.StringValue`, `SendMessageBatchRequestEntry.N.Id`, `TagKey.N` …).
 */
export type Shape =
  | { kind: 'string' | 'integer' | 'blob' }
  /** `query`: the element name of the flattened list in a form (`AttributeName` for AttributeNames). */
  | { kind: 'list'; member: Shape; query?: string }
  /** A flattened map in a form: `<query>.N.<key>` / `<query>.N.<value>`. */
  | { kind: 'map'; value: Shape; query?: string; key: string; valueName: string }
  | { kind: 'struct'; members: Record<string, Shape>; required?: string[] };

const str: Shape = { kind: 'string' };
const int: Shape = { kind: 'integer' };
const blob: Shape = { kind: 'blob' };
const list = (member: Shape, query?: string): Shape => ({ kind: 'list', member, query });
const struct = (members: Record<string, Shape>, required: string[] = []): Shape => ({ kind: 'struct', members, required });
const map = (value: Shape, query: string, key = 'Name', valueName = 'Value'): Shape => ({ kind: 'map', value, query, key, valueName });

/** MessageAttributeValue / MessageSystemAttributeValue. */
const attributeValue = struct({
  StringValue: str,
  BinaryValue: blob,
  StringListValues: list(str, 'StringListValue'),
  BinaryListValues: list(blob, 'BinaryListValue'),
  DataType: str,
});
const messageAttributes = map(attributeValue, 'MessageAttribute');
const messageSystemAttributes = map(attributeValue, 'MessageSystemAttribute');
const queueAttributes = map(str, 'Attribute');
const tags = map(str, 'Tag', 'Key', 'Value');

const sendEntry = struct({
  Id: str,
  MessageBody: str,
  DelaySeconds: int,
  MessageAttributes: messageAttributes,
  MessageSystemAttributes: messageSystemAttributes,
  MessageDeduplicationId: str,
  MessageGroupId: str,
});

const queueUrlOnly = struct({ QueueUrl: str }, ['QueueUrl']);

// Batch Entries are not checked as required here: the queue service answers a missing or empty
// list with EmptyBatchRequest, as SQS does (a query form cannot even spell an empty list).

export const INPUT_SHAPES: Record<string, Shape> = {
  CreateQueue: struct({ QueueName: str, Attributes: queueAttributes, tags }, ['QueueName']),
  GetQueueUrl: struct({ QueueName: str, QueueOwnerAWSAccountId: str }, ['QueueName']),
  ListQueues: struct({ QueueNamePrefix: str, NextToken: str, MaxResults: int }),
  GetQueueAttributes: struct({ QueueUrl: str, AttributeNames: list(str, 'AttributeName') }, ['QueueUrl']),
  SetQueueAttributes: struct({ QueueUrl: str, Attributes: queueAttributes }, ['QueueUrl', 'Attributes']),
  SendMessage: struct(
    {
      QueueUrl: str,
      MessageBody: str,
      DelaySeconds: int,
      MessageAttributes: messageAttributes,
      MessageSystemAttributes: messageSystemAttributes,
      MessageDeduplicationId: str,
      MessageGroupId: str,
    },
    ['QueueUrl', 'MessageBody'],
  ),
  SendMessageBatch: struct({ QueueUrl: str, Entries: list(sendEntry, 'SendMessageBatchRequestEntry') }, ['QueueUrl']),
  ReceiveMessage: struct(
    {
      QueueUrl: str,
      AttributeNames: list(str, 'AttributeName'),
      MessageSystemAttributeNames: list(str, 'MessageSystemAttributeName'),
      MessageAttributeNames: list(str, 'MessageAttributeName'),
      MaxNumberOfMessages: int,
      VisibilityTimeout: int,
      WaitTimeSeconds: int,
      ReceiveRequestAttemptId: str,
    },
    ['QueueUrl'],
  ),
  DeleteMessage: struct({ QueueUrl: str, ReceiptHandle: str }, ['QueueUrl', 'ReceiptHandle']),
  DeleteMessageBatch: struct(
    { QueueUrl: str, Entries: list(struct({ Id: str, ReceiptHandle: str }), 'DeleteMessageBatchRequestEntry') },
    ['QueueUrl'],
  ),
  ChangeMessageVisibility: struct({ QueueUrl: str, ReceiptHandle: str, VisibilityTimeout: int }, ['QueueUrl', 'ReceiptHandle', 'VisibilityTimeout']),
  ChangeMessageVisibilityBatch: struct(
    {
      QueueUrl: str,
      Entries: list(struct({ Id: str, ReceiptHandle: str, VisibilityTimeout: int }), 'ChangeMessageVisibilityBatchRequestEntry'),
    },
    ['QueueUrl'],
  ),
  PurgeQueue: queueUrlOnly,
  DeleteQueue: queueUrlOnly,
  TagQueue: struct({ QueueUrl: str, Tags: tags }, ['QueueUrl', 'Tags']),
  UntagQueue: struct({ QueueUrl: str, TagKeys: list(str, 'TagKey') }, ['QueueUrl', 'TagKeys']),
  ListQueueTags: queueUrlOnly,
  ListDeadLetterSourceQueues: struct({ QueueUrl: str, NextToken: str, MaxResults: int }, ['QueueUrl']),
  StartMessageMoveTask: struct({ SourceArn: str, DestinationArn: str, MaxNumberOfMessagesPerSecond: int }, ['SourceArn']),
  ListMessageMoveTasks: struct({ SourceArn: str, MaxResults: int }, ['SourceArn']),
  CancelMessageMoveTask: struct({ TaskHandle: str }, ['TaskHandle']),
};
