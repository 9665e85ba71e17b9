/** What every topic operation shares: stores, clock, addressing, ports and lookups by ARN. */
import type { QueueStore, SubscriptionRecord, TopicRecord, TopicStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { invalidParameter, subscriptionNotFound, topicNotFound } from './errors';
import { topicNameFromArn, type TopicAddressing } from './names';
import type { TopicDeliveryPorts } from './ports';

export interface TopicServiceOptions extends TopicAddressing {
  store: TopicStore;
  /** The engine's queues: deliveries are messages of internal queues there. */
  queues: QueueStore;
  clock: Clock;
  ports: TopicDeliveryPorts;
  /** A delivery loop's unexpected failure (the loop itself carries on). */
  onError?(err: unknown): void;
}

export interface TopicContext extends TopicServiceOptions {
  /** The topic a TopicArn names: InvalidParameter for a malformed ARN, NotFound for a missing topic. */
  topicByArn(arn: unknown, member?: string): Promise<TopicRecord>;
  subscriptionByArn(arn: unknown): Promise<SubscriptionRecord>;
}

export function createContext(options: TopicServiceOptions): TopicContext {
  return {
    ...options,
    async topicByArn(arn, member = 'TopicArn') {
      const name = topicNameFromArn(options, arn);
      if (!name) throw invalidParameter(member);
      const topic = await options.store.getTopic(name);
      if (!topic) throw topicNotFound();
      return topic;
    },
    async subscriptionByArn(arn) {
      if (typeof arn !== 'string' || arn === '') throw invalidParameter('SubscriptionArn');
      if (arn === PENDING_CONFIRMATION) throw invalidParameter('SubscriptionArn');
      const subscription = await options.store.getSubscription(arn);
      if (!subscription) throw subscriptionNotFound();
      return subscription;
    },
  };
}

/** What Subscribe and ListSubscriptions say instead of the ARN of an unconfirmed subscription. */
export const PENDING_CONFIRMATION = 'pending confirmation';
/** ListSubscriptions' spelling of it ("PendingConfirmation"). */
export const LISTED_PENDING = 'PendingConfirmation';
