/**
 * The queue service's typed operations: the SQS API's request and response shapes (JSON protocol
 * member names), so a wire adapter maps bodies 1:1. Binary values are bytes here; the JSON
 * protocol carries them base64-encoded, which the adapter decodes (a base64 string is accepted too).
 */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
  StringListValues?: string[];
  BinaryListValues?: (Uint8Array | string)[];
}
export type MessageAttributeMap = Record<string, MessageAttributeValue>;

export interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageAttributeMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface SendMessageOutput {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

export type SendMessageBatchEntry = Omit<SendMessageInput, 'QueueUrl'> & { Id: string };

export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}

export interface SendMessageBatchOutput {
  Successful: (SendMessageOutput & { Id: string })[];
  Failed: BatchResultErrorEntry[];
}

export interface ReceiveMessageInput {
  QueueUrl: string;
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  /** Deprecated in favour of MessageSystemAttributeNames; both are honoured. */
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  ReceiveRequestAttemptId?: string;
}

export interface Message {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributeMap;
}

export interface ReceiveMessageOutput {
  Messages?: Message[];
}

export interface BatchOutput {
  Successful: { Id: string }[];
  Failed: BatchResultErrorEntry[];
}

export interface CreateQueueInput {
  QueueName: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface ListQueuesInput {
  QueueNamePrefix?: string;
  MaxResults?: number;
  NextToken?: string;
}

export interface MessageMoveTaskResult {
  TaskHandle?: string;
  Status: string;
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  FailureReason?: string;
  StartedTimestamp: number;
}
