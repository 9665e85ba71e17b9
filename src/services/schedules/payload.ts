/**
 * What a tick sends. A rule sends the scheduled event ("Amazon EventBridge events", scheduled
 * event example; field order as there), shaped per target by Input / InputPath / InputTransformer.
 * Scheduler sends the target's Input as-is, with its context attributes filled in ("Adding context
 * attributes in EventBridge Scheduler"); with no Input, templated targets receive `{}`.
 *
 * Deterministic from schedule + tick: the event `id` and Scheduler's execution-id are derived
 * from the ARN and the tick, so a tick redelivered after a crash (firing.ts, the outbox) carries
 * the same id and consumers can deduplicate, as they must for EventBridge's own at-least-once
 * delivery. A manual `schedules run` adds its own run id, so it never shares an id with a tick.
 */
import { createHash } from 'node:crypto';
import { compileTargetInput, type InputShaper } from '../events/patterns/input/index';
import type { ScheduleDefinition } from './definition';

export interface TickContext {
  /** The nominal tick (epoch ms); the event's `time` and Scheduler's scheduled-time. */
  tick: number;
  region: string;
  accountId: string;
  /** A manual run's own id (`stratus schedules run`); absent for grid ticks. */
  runId?: string;
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
    id: tickUuid(ruleArn, context),
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
      'execution-id': executionId(definition.arn, context),
      // Retries belong to the dispatcher; the first attempt is what a tick hands over.
      'attempt-number': '1',
    };
    return inputs.map((input) => input.replace(CONTEXT_ATTRIBUTE, (_, name: string) => values[name]));
  };
}

/** Scheduler's execution ids look like `d32c5kddcf5bb8c3`: 16 lower-case alphanumerics. */
function executionId(arn: string, context: TickContext): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return [...tickDigest('execution-id', arn, context).subarray(0, EXECUTION_ID_LENGTH)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Shaped like the random (version 4) UUIDs EventBridge writes, but derived from schedule + tick. */
function tickUuid(arn: string, context: TickContext): string {
  const bytes = tickDigest('event-id', arn, context).subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function tickDigest(purpose: string, arn: string, context: TickContext): Buffer {
  return createHash('sha256').update(`${purpose}\n${arn}\n${context.tick}\n${context.runId ?? ''}`).digest();
}
