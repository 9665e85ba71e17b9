/**
 * SNS on the edge port over the query protocol (`Action=<Operation>&Version=2010-03-31`, XML in
 * the `http://sns.amazonaws.com/doc/2010-03-31/` namespace): what SDK v3 (`AwsQueryProtocol` in
 * @aws-sdk/client-sns), botocore/boto3 and both aws CLIs send. Each operation passes the SNS API's
 * own members to the topic service; its SnsError carries the query code and status
 * (NotFound 404, InvalidParameter 400, …) and is rendered as `<ErrorResponse>`.
 *
 * The SubscribeURL and UnsubscribeURL SNS hands subscribers point here: a plain unsigned
 * `GET /?Action=ConfirmSubscription&TopicArn=…&Token=…` is routed to SNS by its action (no other
 * query service has it) and answers ConfirmSubscription's XML, as AWS's link does; in strict
 * mode these two links still need no signature (output.ts), as on AWS.
 *
 * Differs from AWS on purpose: unknown request members are ignored rather than refused. Known gap:
 * in strict mode an unsigned UnsubscribeURL also ends a subscription confirmed with
 * AuthenticateOnUnsubscribe=true (AWS would require a signature for that one).
 *
 * Not served yet: SMS, mobile push and platform applications, AddPermission/RemovePermission,
 * data protection policies (DataProtectionPolicy is accepted and ignored), the signing
 * certificate at SigningCertURL (Stratus signs with its own key, see the topic service).
 */
import type { TopicService } from '../../../services/topics';
import type { AwsServiceAdapter, Operation, QueryOperationSpec } from '../service';
import { INPUT_MEMBERS, readQueryInput } from './input';
import { queryOperationSpec } from './output';

export const SNS_VERSION = '2010-03-31';
export const SNS_XML_NAMESPACE = `http://sns.amazonaws.com/doc/${SNS_VERSION}/`;

/** Operation → the topic service method that does it (same request and response members). */
const METHODS = {
  CreateTopic: 'createTopic',
  DeleteTopic: 'deleteTopic',
  ListTopics: 'listTopics',
  GetTopicAttributes: 'getTopicAttributes',
  SetTopicAttributes: 'setTopicAttributes',
  Subscribe: 'subscribe',
  ConfirmSubscription: 'confirmSubscription',
  Unsubscribe: 'unsubscribe',
  ListSubscriptions: 'listSubscriptions',
  ListSubscriptionsByTopic: 'listSubscriptionsByTopic',
  GetSubscriptionAttributes: 'getSubscriptionAttributes',
  SetSubscriptionAttributes: 'setSubscriptionAttributes',
  Publish: 'publish',
  PublishBatch: 'publishBatch',
  TagResource: 'tagResource',
  UntagResource: 'untagResource',
  ListTagsForResource: 'listTagsForResource',
} as const satisfies Record<keyof typeof INPUT_MEMBERS, keyof TopicService>;

export function snsService(topics: TopicService): AwsServiceAdapter {
  const operations: Record<string, Operation> = {};
  const queryOperations: Record<string, QueryOperationSpec> = {};
  for (const [name, method] of Object.entries(METHODS)) {
    const call = topics[method] as (input: unknown) => Promise<unknown>;
    operations[name] = (input) => call(input);
    queryOperations[name] = queryOperationSpec(name, (decoded) => readQueryInput(name, decoded));
  }
  return {
    signingName: 'sns',
    title: 'SNS',
    query: { version: SNS_VERSION, xmlNamespace: SNS_XML_NAMESPACE, operations: queryOperations },
    operations,
  };
}
