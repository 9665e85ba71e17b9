/**
 * Reads the template's SNS pieces into plain definitions: AWS::SNS::Topic (with its inline
 * Subscription list), AWS::SNS::Subscription, and SAM's function event `SNS` (Topic,
 * FilterPolicy, FilterPolicyScope, SqsSubscription). Property names: the CloudFormation pages of
 * AWS::SNS::Topic and AWS::SNS::Subscription, and SAM's "SNS" event source page.
 */
import type { AppModel, FunctionSpec, ResolvedResource } from '../../../template/model';

export interface TopicDefinition {
  resource: ResolvedResource;
  name: string;
  attributes: Record<string, string>;
  tags: { Key: string; Value: string }[];
}

export interface SubscriptionDefinition {
  /** Where the subscription comes from, for error messages: logical id and a label. */
  logicalId: string;
  label: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
  /** SAM `SqsSubscription: true`: the queue to create before subscribing it. */
  createQueue?: string;
}

export interface SqsSubscriptionMapping {
  functionName: string;
  queueName: string;
  batchSize: number;
  enabled: boolean;
}

const TOPIC_ATTRIBUTES = ['DisplayName', 'FifoTopic', 'ContentBasedDeduplication', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig', 'DeliveryPolicy', 'ArchivePolicy', 'FifoThroughputScope', 'DataProtectionPolicy'];
const SUBSCRIPTION_ATTRIBUTES = ['FilterPolicy', 'FilterPolicyScope', 'RawMessageDelivery', 'RedrivePolicy', 'DeliveryPolicy', 'ReplayPolicy'];
/** SAM's SqsSubscription default batch size (SAM "SqsSubscriptionObject", BatchSize). */
const DEFAULT_SQS_SUBSCRIPTION_BATCH = 10;

export function readTopics(model: AppModel): TopicDefinition[] {
  return resourcesOf(model, 'AWS::SNS::Topic').map((resource) => ({
    resource,
    name: resource.physicalName,
    attributes: stringAttributes(resource.properties, TOPIC_ATTRIBUTES),
    tags: Array.isArray(resource.properties.Tags)
      ? resource.properties.Tags.map((t: { Key?: unknown; Value?: unknown }) => ({ Key: String(t.Key), Value: String(t.Value ?? '') }))
      : [],
  }));
}

export function readSubscriptions(model: AppModel): SubscriptionDefinition[] {
  const out: SubscriptionDefinition[] = [];
  const arnOf = (name: string) => `arn:aws:sns:${model.region}:${model.accountId}:${name}`;
  for (const topic of resourcesOf(model, 'AWS::SNS::Topic')) {
    const inline = Array.isArray(topic.properties.Subscription) ? topic.properties.Subscription : [];
    inline.forEach((s: { Protocol?: unknown; Endpoint?: unknown }, i: number) => {
      out.push({ logicalId: topic.logicalId, label: `AWS::SNS::Topic ${topic.physicalName} Subscription[${i}]`, topicArn: arnOf(topic.physicalName), protocol: String(s.Protocol ?? ''), endpoint: String(s.Endpoint ?? ''), attributes: {} });
    });
  }
  for (const s of resourcesOf(model, 'AWS::SNS::Subscription')) {
    const p = s.properties;
    out.push({ logicalId: s.logicalId, label: `AWS::SNS::Subscription ${s.logicalId}`, topicArn: String(p.TopicArn ?? ''), protocol: String(p.Protocol ?? ''), endpoint: String(p.Endpoint ?? ''), attributes: stringAttributes(p, SUBSCRIPTION_ATTRIBUTES) });
  }
  for (const fn of model.functions) out.push(...functionSubscriptions(model, fn));
  return out;
}

function functionSubscriptions(model: AppModel, fn: FunctionSpec): SubscriptionDefinition[] {
  const out: SubscriptionDefinition[] = [];
  for (const { event, p } of snsEvents(fn)) {
    const attributes = stringAttributes(p, ['FilterPolicy', 'FilterPolicyScope']);
    const base = { logicalId: fn.logicalId, label: `${fn.logicalId}.Events.${event} (SNS)`, topicArn: String(p.Topic ?? ''), attributes };
    const sqs = sqsSubscriptionOf(fn, event, p.SqsSubscription);
    if (!sqs) {
      out.push({ ...base, protocol: 'lambda', endpoint: `arn:aws:lambda:${model.region}:${model.accountId}:function:${fn.name}` });
      continue;
    }
    const definition: SubscriptionDefinition = { ...base, protocol: 'sqs', endpoint: sqs.queueArn ?? `arn:aws:sqs:${model.region}:${model.accountId}:${sqs.queueName}` };
    if (sqs.create) definition.createQueue = sqs.queueName;
    out.push(definition);
  }
  return out;
}

/** The queues SAM maps to functions for `SNS` events with SqsSubscription (for the lead's pollers). */
export function readSqsSubscriptionMappings(model: AppModel): SqsSubscriptionMapping[] {
  const out: SqsSubscriptionMapping[] = [];
  for (const fn of model.functions) {
    for (const { event, p } of snsEvents(fn)) {
      const sqs = sqsSubscriptionOf(fn, event, p.SqsSubscription);
      if (sqs) out.push({ functionName: fn.name, queueName: sqs.queueName, batchSize: sqs.batchSize, enabled: sqs.enabled });
    }
  }
  return out;
}

function snsEvents(fn: FunctionSpec): { event: string; p: Record<string, unknown> }[] {
  return fn.events.flatMap((e) => (e.type === 'SNS' && 'properties' in e ? [{ event: e.name, p: e.properties }] : []));
}

interface SqsSubscriptionSpec {
  queueName: string;
  queueArn?: string;
  create: boolean;
  batchSize: number;
  enabled: boolean;
}

/** `true`: SAM creates `<Function><Event>Queue`; an object names an existing queue (QueueArn). */
function sqsSubscriptionOf(fn: FunctionSpec, event: string, value: unknown): SqsSubscriptionSpec | undefined {
  if (value === undefined || value === false || value === 'false') return undefined;
  if (value === true || value === 'true') {
    return { queueName: `${fn.logicalId}${event}Queue`, create: true, batchSize: DEFAULT_SQS_SUBSCRIPTION_BATCH, enabled: true };
  }
  const o = value as { QueueArn?: unknown; BatchSize?: unknown; Enabled?: unknown };
  const queueArn = typeof o.QueueArn === 'string' ? o.QueueArn : undefined;
  const queueName = queueArn?.split(':')[5] ?? `${fn.logicalId}${event}Queue`;
  const batchSize = o.BatchSize === undefined ? DEFAULT_SQS_SUBSCRIPTION_BATCH : Number(o.BatchSize);
  return { queueName, queueArn, create: queueArn === undefined, batchSize, enabled: o.Enabled !== false && o.Enabled !== 'false' };
}

function resourcesOf(model: AppModel, type: string): ResolvedResource[] {
  return Object.values(model.resources).filter((r) => r.type === type);
}

/** Template values as SNS attribute strings: objects become JSON, booleans "true"/"false". */
function stringAttributes(properties: Record<string, unknown>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
