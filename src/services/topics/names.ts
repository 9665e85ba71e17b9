/** Topic and subscription names and ARNs, and the URLs SNS puts in its messages. */
import { invalidParameter } from './errors';
import { FIFO_SUFFIX, TOPIC_NAME_MAX_LENGTH } from './limits';

export interface TopicAddressing {
  region: string;
  accountId: string;
  /** The edge URL AWS clients reach Stratus on: SubscribeURL and UnsubscribeURL point there. */
  endpointUrl: string;
}

const NAME_CHARS = /^[A-Za-z0-9_-]+$/;

export const topicArn = (a: TopicAddressing, name: string) => `arn:aws:sns:${a.region}:${a.accountId}:${name}`;

/** CreateTopic's Name rules (CreateTopic API Reference, "Name"). */
export function assertValidTopicName(name: string, fifo: boolean): void {
  const stem = name.endsWith(FIFO_SUFFIX) ? name.slice(0, -FIFO_SUFFIX.length) : name;
  const validChars = name.length <= TOPIC_NAME_MAX_LENGTH && NAME_CHARS.test(stem);
  if (fifo && !(validChars && name.endsWith(FIFO_SUFFIX))) {
    throw invalidParameter(
      'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
    );
  }
  if (!fifo && !(validChars && !name.endsWith(FIFO_SUFFIX))) throw invalidParameter('Topic Name');
}

/** The topic name in a topic ARN of this region and account, or undefined. */
export function topicNameFromArn(a: TopicAddressing, arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'sns') return undefined;
  if (parts[3] !== a.region || parts[4] !== a.accountId || parts[5] === '') return undefined;
  return parts[5];
}

/** A subscription ARN is its topic's ARN plus `:<uuid>`. */
export function topicNameOfSubscription(a: TopicAddressing, subscriptionArn: unknown): string | undefined {
  if (typeof subscriptionArn !== 'string') return undefined;
  const cut = subscriptionArn.lastIndexOf(':');
  return cut > 0 ? topicNameFromArn(a, subscriptionArn.slice(0, cut)) : undefined;
}

const edge = (a: TopicAddressing) => a.endpointUrl.replace(/\/+$/, '');

/** ARNs stay unencoded in these URLs, as in the examples of the SNS Developer Guide. */
export const subscribeUrl = (a: TopicAddressing, arn: string, token: string) =>
  `${edge(a)}/?Action=ConfirmSubscription&TopicArn=${arn}&Token=${token}`;

export const unsubscribeUrl = (a: TopicAddressing, subscriptionArn: string) =>
  `${edge(a)}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;

/** Where a subscriber would fetch the signing certificate (see signature.ts for what is signed). */
export const signingCertUrl = (a: TopicAddressing) => `${edge(a)}/SimpleNotificationService-stratus.pem`;

/** Parses an ARN into its service and resource (the part after the account). */
export function parseArn(arn: string): { service: string; region: string; accountId: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2], region: parts[3], accountId: parts[4], resource: parts.slice(5).join(':') };
}
