/**
 * Subscribe's Protocol and Endpoint rules (Subscribe API Reference, "Endpoint"): which protocols
 * Stratus delivers to, and what each endpoint must look like.
 */
import type { TopicRecord } from '../../engine/types';
import { invalidParameter, unsupportedByStratus } from './errors';
import { parseArn, type TopicAddressing } from './names';

export const DELIVERED_PROTOCOLS = new Set(['sqs', 'lambda', 'http', 'https', 'email', 'email-json']);
/** SNS protocols Stratus has no delivery for: rejected by name, never accepted and dropped. */
const KNOWN_UNSUPPORTED = new Set(['application', 'sms', 'firehose']);
/** AWS-owned endpoints are confirmed at once; the others must confirm (SNS Developer Guide, "Subscribing"). */
export const AUTO_CONFIRMED = new Set(['sqs', 'lambda']);

export function validateEndpoint(protocol: unknown, endpoint: unknown, topic: TopicRecord, a: TopicAddressing): string {
  if (typeof protocol !== 'string' || protocol === '') throw invalidParameter('Protocol');
  if (KNOWN_UNSUPPORTED.has(protocol)) throw unsupportedByStratus(`Amazon SNS protocol ${protocol}`);
  if (!DELIVERED_PROTOCOLS.has(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol}`);
  // FIFO topics deliver to SQS queues only (Amazon SNS FIFO topics, "Message delivery").
  if (topic.fifo && protocol !== 'sqs') throw invalidParameter(`Invalid protocol type: ${protocol}`);
  if (typeof endpoint !== 'string' || endpoint === '') throw invalidParameter('Endpoint');
  switch (protocol) {
    case 'sqs': {
      const arn = parseArn(endpoint);
      if (!arn || arn.service !== 'sqs' || !/^[\w-]+(\.fifo)?$/.test(arn.resource)) throw invalidParameter('SQS endpoint ARN');
      if (arn.region !== a.region || arn.accountId !== a.accountId) throw invalidParameter('SQS endpoint ARN: Stratus delivers to queues of its own account and region');
      if (!topic.fifo && arn.resource.endsWith('.fifo')) {
        throw invalidParameter('Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      }
      return endpoint;
    }
    case 'lambda': {
      const arn = parseArn(endpoint);
      if (!arn || arn.service !== 'lambda' || !arn.resource.startsWith('function:')) throw invalidParameter('Lambda endpoint ARN');
      return endpoint;
    }
    case 'http':
    case 'https':
      if (!isUrl(endpoint, `${protocol}:`)) throw invalidParameter('Endpoint must match the specified protocol');
      return endpoint;
    default:
      // "Email address" is what SNS reports for a malformed one.
      if (!/^[^@\s]+@[^@\s]+$/.test(endpoint)) throw invalidParameter('Email address');
      return endpoint;
  }
}

function isUrl(text: string, scheme: string): boolean {
  try {
    return new URL(text).protocol === scheme;
  } catch {
    return false;
  }
}

/** The function name in a Lambda ARN (`…:function:NAME[:qualifier]`). */
export const functionNameOf = (arn: string) => arn.split(':')[6] ?? '';
/** The queue name in an SQS ARN. */
export const queueNameOf = (arn: string) => arn.split(':')[5] ?? '';
