/**
 * How SQS results look in the query protocol's XML (SQS API Reference, each action's "Examples",
 * and the query edition of the service model): lists and maps are flattened, each item named
 * for the item (`<QueueUrl>`, `<Message>`, `<Attribute><Name/><Value/></Attribute>`,
 * `<SendMessageBatchResultEntry>` …) rather than wrapped in `<member>`/`<entry>`.
 */
import type { QueryOperationSpec, XmlMemberHint } from '../service';

const flat = (name: string): XmlMemberHint => ({ flattenAs: name });
const flatMap = (entry: string, key = 'Name', value = 'Value'): XmlMemberHint => ({ map: { entry, key, value, flattened: true } });

/** Hints shared by every operation that returns messages or attributes. */
const MESSAGE_HINTS: Record<string, XmlMemberHint> = {
  Messages: flat('Message'),
  Attributes: flatMap('Attribute'),
  MessageAttributes: flatMap('MessageAttribute'),
  StringListValues: flat('StringListValue'),
  BinaryListValues: flat('BinaryListValue'),
};

const batch = (entry: string): Record<string, XmlMemberHint> => ({
  Successful: flat(entry),
  Failed: flat('BatchResultErrorEntry'),
});

const XML_HINTS: Record<string, Record<string, XmlMemberHint>> = {
  ListQueues: { QueueUrls: flat('QueueUrl') },
  ListDeadLetterSourceQueues: { queueUrls: flat('QueueUrl') },
  GetQueueAttributes: { Attributes: flatMap('Attribute') },
  ListQueueTags: { Tags: flatMap('Tag', 'Key', 'Value') },
  ReceiveMessage: MESSAGE_HINTS,
  SendMessageBatch: batch('SendMessageBatchResultEntry'),
  DeleteMessageBatch: batch('DeleteMessageBatchResultEntry'),
  ChangeMessageVisibilityBatch: batch('ChangeMessageVisibilityBatchResultEntry'),
  // The current model flattens Results without naming the item, so each item keeps the member's name.
  ListMessageMoveTasks: { Results: flat('Results') },
};

/** Operations without a result structure: their answer is only ResponseMetadata. */
const NO_RESULT = new Set([
  'ChangeMessageVisibility',
  'DeleteMessage',
  'DeleteQueue',
  'PurgeQueue',
  'SetQueueAttributes',
  'TagQueue',
  'UntagQueue',
]);

export function queryOperationSpec(
  operation: string,
  input: QueryOperationSpec['input'],
): QueryOperationSpec {
  return { input, xml: XML_HINTS[operation], alwaysWrapResult: !NO_RESULT.has(operation) };
}
