/**
 * The event Lambda's SQS event source sends: one record per message, in the shape documented in
 * "Using Lambda with Amazon SQS" (and @types/aws-lambda's SQSRecord). Values come from the
 * queue service's ReceiveMessage output with every attribute requested.
 */
import type { SQSRecord, SQSMessageAttributes } from 'aws-lambda';
import type { Message, MessageAttributeMap } from '../../services/queues/types';

/** System attributes Lambda puts in `attributes`, in the order AWS prints them. */
const RECORD_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'AWSTraceHeader',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'DeadLetterQueueSourceArn',
];

export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes: Record<string, string> = {};
  for (const name of RECORD_ATTRIBUTES) {
    const value = message.Attributes?.[name];
    if (value !== undefined) attributes[name] = value;
  }
  const record: SQSRecord = {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    attributes: attributes as unknown as SQSRecord['attributes'],
    messageAttributes: toRecordAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

/** Lambda lower-cases the member names and always includes both list members. */
function toRecordAttributes(map: MessageAttributeMap | undefined): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(map ?? {})) {
    const attribute: SQSMessageAttributes[string] = {
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
    if (value.StringValue !== undefined) attribute.stringValue = value.StringValue;
    if (value.BinaryValue !== undefined) attribute.binaryValue = toBase64(value.BinaryValue);
    out[name] = attribute;
  }
  return out;
}

function toBase64(value: Uint8Array | string): string {
  return typeof value === 'string' ? value : Buffer.from(value).toString('base64');
}
