/** The SNS domain: topics, subscriptions, publish and durable fan-out, with SNS's rules and errors. */
export { createTopicService, type TopicService } from './service';
export type { TopicServiceOptions } from './context';
export type { TopicDeliveryPorts } from './ports';
export { SnsError } from './errors';
export { topicArn, topicNameFromArn } from './names';
export type { CapturedEmail } from './mail';
export type { SqsSubscriptionMapping } from './template/read';
export type { AppliedTemplate } from './template/apply';
export { PENDING_CONFIRMATION } from './context';
export type * from './api';
