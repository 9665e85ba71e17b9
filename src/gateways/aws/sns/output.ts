/**
 * How SNS results look in the query protocol's XML (SNS API Reference, each action's "Examples"):
 * lists are wrapped in `<member>` (`<Topics><member><TopicArn>…`, `<Subscriptions><member>…`,
 * `<Successful><member><Id>…`), attribute maps are `<Attributes><entry><key/><value/></entry>`.
 */
import type { QueryOperationSpec, XmlMemberHint } from '../service';

const ATTRIBUTES: Record<string, XmlMemberHint> = { Attributes: { map: {} } };

const XML_HINTS: Record<string, Record<string, XmlMemberHint>> = {
  GetTopicAttributes: ATTRIBUTES,
  GetSubscriptionAttributes: ATTRIBUTES,
};

/**
 * Operations whose model declares a result wrapper even though it may be empty: botocore looks
 * for `<TagResourceResult/>`, so it is always sent. Operations without an output (DeleteTopic,
 * Set*Attributes, Unsubscribe) answer only ResponseMetadata.
 */
const ALWAYS_WRAPPED = new Set(['TagResource', 'UntagResource']);

/**
 * The links SNS hands subscribers work without a signature, also when Stratus enforces one:
 * "This call requires an AWS signature only when the AuthenticateOnUnsubscribe flag is set to
 * true" (ConfirmSubscription API Reference); the UnsubscribeURL is likewise a plain link.
 */
const UNSIGNED: Record<string, (params: URLSearchParams) => boolean> = {
  ConfirmSubscription: (params) => params.get('AuthenticateOnUnsubscribe')?.toLowerCase() !== 'true',
  Unsubscribe: () => true,
};

export function queryOperationSpec(operation: string, input: QueryOperationSpec['input']): QueryOperationSpec {
  return { input, xml: XML_HINTS[operation], alwaysWrapResult: ALWAYS_WRAPPED.has(operation), unsigned: UNSIGNED[operation] };
}
