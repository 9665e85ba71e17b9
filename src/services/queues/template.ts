/**
 * Creates the template's AWS::SQS::Queue resources (and updates the attributes of those that
 * already exist from an earlier run). Two passes: every queue first, then redrive policies, so a
 * dead-letter queue declared after its source queue is found. Property names: the
 * AWS::SQS::Queue page of the CloudFormation User Guide.
 */
import type { AppModel, ResolvedResource } from '../../template/model';
import { TemplateError } from '../../shared/errors';
import { SqsError } from './errors';
import { queueUrl } from './names';
import type { QueueContext } from './context';
import type { createAdmin } from './admin';

const ATTRIBUTE_PROPERTIES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
];
/** Objects in CloudFormation, JSON strings in the SQS API. */
const JSON_PROPERTIES = new Set(['RedriveAllowPolicy', 'RedrivePolicy']);

type Admin = ReturnType<typeof createAdmin>;

export async function ensureTemplateQueues(ctx: QueueContext, admin: Admin, model: AppModel): Promise<string[]> {
  const queues = Object.values(model.resources).filter((r) => r.type === 'AWS::SQS::Queue');
  for (const resource of queues) {
    await named(model, resource, async () => {
      const attributes = attributesOf(resource, ATTRIBUTE_PROPERTIES);
      const url = queueUrl(ctx, resource.physicalName);
      const existing = await ctx.store.getQueue(resource.physicalName);
      if (!existing) await admin.createQueue({ QueueName: resource.physicalName, Attributes: attributes, tags: tagsOf(resource) });
      else {
        delete attributes.FifoQueue;
        if (Object.keys(attributes).length > 0) await admin.setQueueAttributes({ QueueUrl: url, Attributes: attributes });
      }
    });
  }
  for (const resource of queues) {
    await named(model, resource, async () => {
      const redrive = attributesOf(resource, ['RedrivePolicy']);
      // An update that drops RedrivePolicy from the template removes it, as a stack update would.
      await admin.setQueueAttributes({ QueueUrl: queueUrl(ctx, resource.physicalName), Attributes: { RedrivePolicy: redrive.RedrivePolicy ?? '' } });
    });
  }
  return queues.map((q) => q.physicalName);
}

function attributesOf(resource: ResolvedResource, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = resource.properties[name];
    if (value === undefined || value === null) continue;
    out[name] = JSON_PROPERTIES.has(name) && typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function tagsOf(resource: ResolvedResource): Record<string, string> {
  const tags = resource.properties.Tags;
  if (!Array.isArray(tags)) return {};
  return Object.fromEntries(tags.map((t: { Key?: unknown; Value?: unknown }) => [String(t.Key), String(t.Value ?? '')]));
}

/** SQS's complaint, located on the resource that caused it. */
async function named(model: AppModel, resource: ResolvedResource, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (!(err instanceof SqsError)) throw err;
    throw new TemplateError(`AWS::SQS::Queue ${resource.physicalName}: ${err.code}: ${err.message}`, {
      file: model.templatePath,
      logicalId: resource.logicalId,
    });
  }
}
