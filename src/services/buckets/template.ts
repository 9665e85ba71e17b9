/**
 * The template's buckets, created at start: every AWS::S3::Bucket (physical name: BucketName or
 * the logical id), its CorsConfiguration, Tags and NotificationConfiguration (Lambda, Queue and
 * Topic configurations with Event and Filter.S3Key.Rules), merged with the functions' SAM `S3`
 * events (Bucket, Events, Filter), as SAM turns those into the bucket's LambdaConfigurations.
 * A bucket already in the engine keeps its objects; its configuration follows the template.
 */
import type { AppModel, ResolvedResource } from '../../template/model';
import type { BucketContext } from './context';
import type { createBucketOperations } from './bucket-operations';
import type { CorsRule } from './cors';
import { filterRules, type TargetConfiguration } from './notification-config';
import { UserError } from '../../shared/errors';

type Operations = ReturnType<typeof createBucketOperations>;
type Json = Record<string, unknown>;

export async function ensureTemplateBuckets(ctx: BucketContext, ops: Operations, model: AppModel): Promise<string[]> {
  const resources = Object.values(model.resources).filter((r) => r.type === 'AWS::S3::Bucket');
  const fromFunctions = functionTargets(model, ctx);
  for (const resource of resources) {
    await described(resource, async () => {
      const name = resource.physicalName;
      if (!(await ctx.store.getBucket(name))) await ops.createBucket(name, { tags: tagsOf(resource.properties.Tags) });
      const cors = corsRules(resource.properties.CorsConfiguration as Json | undefined);
      if (cors) await ops.putBucketCors(name, cors);
      const targets = [...templateTargets(resource.properties.NotificationConfiguration as Json | undefined), ...(fromFunctions.get(name) ?? [])];
      await ops.putBucketNotification(name, { targets });
    });
  }
  return resources.map((r) => r.physicalName);
}

async function described(resource: ResolvedResource, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    throw new UserError('TemplateBucket', `Resources.${resource.logicalId} (AWS::S3::Bucket): ${(err as Error).message}`);
  }
}

function templateTargets(config: Json | undefined): TargetConfiguration[] {
  if (!config) return [];
  const read = (list: unknown, kind: TargetConfiguration['kind'], arnField: string) =>
    asList(list).map((entry, i): TargetConfiguration => ({
      id: String(entry.Id ?? `${kind}-${i + 1}`),
      kind,
      arn: String(entry[arnField] ?? ''),
      events: [String(entry.Event ?? '')],
      ...keyFilter(entry.Filter),
    }));
  return [
    ...read(config.LambdaConfigurations, 'lambda', 'Function'),
    ...read(config.QueueConfigurations, 'queue', 'Queue'),
    ...read(config.TopicConfigurations, 'topic', 'Topic'),
  ];
}

/** Bucket name → the LambdaConfigurations SAM generates from functions' `S3` events. */
function functionTargets(model: AppModel, ctx: BucketContext): Map<string, TargetConfiguration[]> {
  const out = new Map<string, TargetConfiguration[]>();
  for (const fn of model.functions) {
    for (const event of fn.events) {
      if (event.type !== 'S3' || !('properties' in event)) continue;
      const bucket = String(event.properties.Bucket ?? '');
      const events = event.properties.Events;
      const target: TargetConfiguration = {
        id: `${fn.logicalId}${event.name}`,
        kind: 'lambda',
        arn: `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${fn.name}`,
        events: Array.isArray(events) ? events.map(String) : [String(events ?? '')],
        ...keyFilter(event.properties.Filter),
      };
      out.set(bucket, [...(out.get(bucket) ?? []), target]);
    }
  }
  return out;
}

function keyFilter(filter: unknown): { prefix?: string; suffix?: string } {
  const rules = ((filter as Json | undefined)?.S3Key as Json | undefined)?.Rules;
  return rules === undefined ? {} : filterRules(asList(rules));
}

function corsRules(config: Json | undefined): CorsRule[] | undefined {
  if (!config) return undefined;
  return asList(config.CorsRules).map((r) => ({
    ...(r.Id !== undefined && { id: String(r.Id) }),
    allowedOrigins: strings(r.AllowedOrigins),
    allowedMethods: strings(r.AllowedMethods),
    allowedHeaders: strings(r.AllowedHeaders),
    exposeHeaders: strings(r.ExposedHeaders),
    ...(r.MaxAge !== undefined && { maxAgeSeconds: Number(r.MaxAge) }),
  }));
}

function tagsOf(tags: unknown): Record<string, string> {
  return Object.fromEntries(asList(tags).map((t) => [String(t.Key), String(t.Value ?? '')]));
}

function asList(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Json[]) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
