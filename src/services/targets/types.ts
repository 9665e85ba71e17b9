/**
 * The one way rules, schedules and topics hand work to a target (a function, a queue, a topic,
 * an event bus). `deliver` resolves once the delivery is durably accepted (in the engine), not
 * when the target has run: retries, maximum age and dead-letter queues belong to the dispatcher.
 */

export interface RetryPolicy {
  /** EventBridge default 185, Scheduler default 185; 0 disables retries. */
  maximumRetryAttempts?: number;
  /** EventBridge and Scheduler default 86 400 s (24 h). */
  maximumEventAgeSeconds?: number;
}

export interface DeliveryTarget {
  /** Target ARN: arn:aws:lambda:…:function:NAME, arn:aws:sqs:…:NAME, arn:aws:sns:…:NAME, arn:aws:events:…:event-bus/NAME. */
  arn: string;
  /** Target id (EventBridge Targets[].Id); used in DLQ message attributes. */
  id?: string;
  retryPolicy?: RetryPolicy;
  /** ARN of an SQS queue receiving what could not be delivered. */
  deadLetterArn?: string;
  /** SQS FIFO targets. */
  messageGroupId?: string;
}

export interface DeliveryOrigin {
  /** e.g. the rule ARN or schedule ARN, recorded in dead-letter attributes (RULE_ARN, TARGET_ARN…). */
  sourceArn: string;
  kind: 'rule' | 'schedule' | 'topic' | 'function' | 'bucket';
  /** SQS message attributes to send along (a function's dead-letter message carries RequestID, ErrorCode, ErrorMessage). */
  messageAttributes?: Record<string, string>;
}

export interface TargetDispatcher {
  deliver(target: DeliveryTarget, payload: string, origin: DeliveryOrigin): Promise<void>;
}
