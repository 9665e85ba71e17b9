/**
 * A bucket's notification configuration, as stored: one list of target configurations, each
 * with the events it wants and its key filter (S3 User Guide, "Amazon S3 Event Notifications").
 * Read from the S3 API's XML shapes (CloudFunctionConfiguration / QueueConfiguration /
 * TopicConfiguration) and from the template's NotificationConfiguration and function S3 events.
 */
import { invalidArgument } from './errors';

export type TargetKind = 'lambda' | 'queue' | 'topic';

export interface TargetConfiguration {
  id: string;
  kind: TargetKind;
  arn: string;
  /** e.g. `s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`. */
  events: string[];
  prefix?: string;
  suffix?: string;
}

export interface NotificationConfiguration {
  targets: TargetConfiguration[];
}

/** The event types S3 documents ("Supported event types"); versioning/replication ones are accepted too. */
const EVENT_TYPES = new Set([
  's3:ObjectCreated:*',
  's3:ObjectCreated:Put',
  's3:ObjectCreated:Post',
  's3:ObjectCreated:Copy',
  's3:ObjectCreated:CompleteMultipartUpload',
  's3:ObjectRemoved:*',
  's3:ObjectRemoved:Delete',
  's3:ObjectRemoved:DeleteMarkerCreated',
  's3:ObjectRestore:*',
  's3:ObjectRestore:Post',
  's3:ObjectRestore:Completed',
  's3:ObjectRestore:Delete',
  's3:ObjectTagging:*',
  's3:ObjectTagging:Put',
  's3:ObjectTagging:Delete',
  's3:ObjectAcl:Put',
  's3:ReducedRedundancyLostObject',
  's3:Replication:*',
  's3:LifecycleExpiration:*',
  's3:LifecycleTransition',
  's3:IntelligentTiering',
]);

export function validateTarget(t: TargetConfiguration): TargetConfiguration {
  if (!t.arn) throw invalidArgument('The ARN is not well formed', t.kind === 'lambda' ? 'CloudFunction' : t.kind === 'queue' ? 'Queue' : 'Topic', t.arn);
  if (t.events.length === 0) throw invalidArgument('A specified event is not supported for notifications.', 'Event', '');
  for (const event of t.events) if (!EVENT_TYPES.has(event)) throw invalidArgument('The event is not supported for notifications', event, event);
  return t;
}

/** `s3:ObjectCreated:*` matches `ObjectCreated:Put`; an exact type matches itself. */
export function wantsEvent(t: TargetConfiguration, eventName: string): boolean {
  return t.events.some((e) => {
    const name = e.replace(/^s3:/, '');
    return name.endsWith(':*') ? eventName.startsWith(name.slice(0, -1)) : name === eventName;
  });
}

export function matchesKey(t: TargetConfiguration, key: string): boolean {
  return (t.prefix === undefined || key.startsWith(t.prefix)) && (t.suffix === undefined || key.endsWith(t.suffix));
}

/** Filter.S3Key.Rules (template) / Filter.S3Key.FilterRule (API): prefix and suffix, names case-insensitive. */
export function filterRules(rules: { Name?: unknown; Value?: unknown }[]): { prefix?: string; suffix?: string } {
  const out: { prefix?: string; suffix?: string } = {};
  for (const rule of rules) {
    const name = String(rule.Name ?? '').toLowerCase();
    if (name !== 'prefix' && name !== 'suffix') throw invalidArgument('filter rule name must be either prefix or suffix', 'FilterRule', String(rule.Name ?? ''));
    if (out[name] !== undefined) throw invalidArgument('Cannot specify more than one prefix rule in a filter.', 'FilterRule', name);
    out[name] = String(rule.Value ?? '');
  }
  return out;
}

export function parseStored(json: string | undefined): NotificationConfiguration {
  if (!json) return { targets: [] };
  return JSON.parse(json) as NotificationConfiguration;
}
