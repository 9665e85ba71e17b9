/**
 * What a tick sends. A rule sends the scheduled event ("Amazon EventBridge events", scheduled
 * event example; field order as there), shaped per target by Input / InputPath / InputTransformer.
 * Scheduler sends the target's Input as-is, with its context attributes filled in ("Adding context
 * attributes in EventBridge Scheduler"); with no Input, templated targets receive `{}`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { compileTargetInput, type InputShaper } from '../events/patterns/input/index';
import type { ScheduleDefinition } from './definition';

export interface TickContext {
  /** The nominal tick (epoch ms); the event's `time` and Scheduler's scheduled-time. */
  tick: number;
  region: string;
  accountId: string;
}

/** Builds, per target, the payload text of one tick. Compiled once per schedule. */
export type PayloadBuilder = (context: TickContext) => string[];

/** ISO 8601 without milliseconds, as EventBridge writes `time` (2015-10-08T16:53:06Z). */
export function isoSeconds(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function scheduledEvent(ruleArn: string, context: TickContext): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: context.accountId,
    time: isoSeconds(context.tick),
    region: context.region,
    resources: [ruleArn],
    detail: {},
  };
}

export function payloadBuilder(definition: ScheduleDefinition): PayloadBuilder {
  return definition.kind === 'rule' ? rulePayloads(definition) : schedulerPayloads(definition);
}

/** One event per tick, the same id for every target (EventBridge matches once, then fans out). */
function rulePayloads(definition: ScheduleDefinition): PayloadBuilder {
  const shapers: InputShaper[] = definition.targets.map((t) => compileTargetInput(t.input, t.delivery.id));
  return (context) => {
    const event = scheduledEvent(definition.arn, context);
    const inputContext = { ruleArn: definition.arn, ruleName: definition.name, ingestionTime: event.time as string };
    return shapers.map((shape) => shape(event, inputContext));
  };
}

const CONTEXT_ATTRIBUTE = /<aws\.scheduler\.(schedule-arn|scheduled-time|execution-id|attempt-number)>/g;
const EXECUTION_ID_LENGTH = 16;

function schedulerPayloads(definition: ScheduleDefinition): PayloadBuilder {
  const inputs = definition.targets.map((t) => t.input.Input ?? '{}');
  return (context) => {
    const values: Record<string, string> = {
      'schedule-arn': definition.arn,
      'scheduled-time': isoSeconds(context.tick),
      'execution-id': executionId(),
      // Retries belong to the dispatcher; the first attempt is what a tick hands over.
      'attempt-number': '1',
    };
    return inputs.map((input) => input.replace(CONTEXT_ATTRIBUTE, (_, name: string) => values[name]));
  };
}

/** Scheduler's execution ids look like `d32c5kddcf5bb8c3`: 16 lower-case alphanumerics. */
function executionId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(EXECUTION_ID_LENGTH)].map((b) => alphabet[b % alphabet.length]).join('');
}
