/**
 * Variables EventBridge defines for every InputTemplate (Amazon EventBridge input transformation,
 * "Predefined variables"). `aws.events.event` is the event without `detail`, with `detail-type`
 * spelled `detailType` (as AWS delivers it, captured in LocalStack's AWS-validated snapshots);
 * `aws.events.event.json` is the whole event.
 */
export interface TargetInputContext {
  readonly ruleArn?: string;
  readonly ruleName?: string;
  /** When EventBridge received the event; defaults to the event's `time`. */
  readonly ingestionTime?: Date | string;
  /** Names the target in validation errors. */
  readonly targetId?: string;
}

export const PREDEFINED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
] as const;

export function isPredefined(name: string): boolean {
  return (PREDEFINED_VARIABLES as readonly string[]).includes(name);
}

export function predefinedValue(name: string, event: Record<string, unknown>, context: TargetInputContext): unknown {
  switch (name) {
    case 'aws.events.rule-arn':
      return context.ruleArn ?? '';
    case 'aws.events.rule-name':
      return context.ruleName ?? '';
    case 'aws.events.event.ingestion-time':
      return ingestionTime(event, context);
    case 'aws.events.event':
      return eventWithoutDetail(event, context);
    default:
      return event;
  }
}

function ingestionTime(event: Record<string, unknown>, context: TargetInputContext): unknown {
  const time = context.ingestionTime;
  if (time instanceof Date) return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return time ?? event.time;
}

function eventWithoutDetail(event: Record<string, unknown>, context: TargetInputContext): Record<string, unknown> {
  return {
    id: event.id,
    account: event.account,
    detailType: event['detail-type'],
    time: ingestionTime(event, context),
    source: event.source,
    region: event.region,
    resources: event.resources,
    version: event.version,
  };
}
