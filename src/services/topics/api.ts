/**
 * The SNS API's request and response shapes (member names as the query protocol and the SDK use
 * them), so a wire adapter maps parameters 1:1. Binary attribute values are bytes or base64 text.
 */
export interface Tag {
  Key: string;
  Value: string;
}

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
}
export type MessageAttributeMap = Record<string, MessageAttributeValue>;

export interface CreateTopicInput {
  Name: string;
  Attributes?: Record<string, string>;
  Tags?: Tag[];
}

export interface ListTopicsOutput {
  Topics: { TopicArn: string }[];
  NextToken?: string;
}

export interface SubscribeInput {
  TopicArn: string;
  Protocol: string;
  Endpoint?: string;
  Attributes?: Record<string, string>;
  ReturnSubscriptionArn?: boolean;
}

export interface SubscriptionSummary {
  SubscriptionArn: string;
  Owner: string;
  Protocol: string;
  Endpoint: string;
  TopicArn: string;
}

export interface ListSubscriptionsOutput {
  Subscriptions: SubscriptionSummary[];
  NextToken?: string;
}

export interface PublishInput {
  TopicArn?: string;
  TargetArn?: string;
  PhoneNumber?: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: MessageAttributeMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface PublishOutput {
  MessageId: string;
  SequenceNumber?: string;
}

export type PublishBatchRequestEntry = Omit<PublishInput, 'TopicArn' | 'TargetArn' | 'PhoneNumber'> & { Id: string };

export interface PublishBatchInput {
  TopicArn: string;
  PublishBatchRequestEntries: PublishBatchRequestEntry[];
}

export interface BatchResultErrorEntry {
  Id: string;
  Code: string;
  Message?: string;
  SenderFault: boolean;
}

export interface PublishBatchOutput {
  Successful: (PublishOutput & { Id: string })[];
  Failed: BatchResultErrorEntry[];
}
