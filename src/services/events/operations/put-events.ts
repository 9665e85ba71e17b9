/**
 * PutEvents (EventBridge API Reference): each entry becomes an event on its bus, matched against
 * the bus's enabled rules; matching rules' targets get it through the target dispatcher.
 *
 * As on AWS, an entry for a bus that does not exist still gets an EventId and the event is
 * dropped (aws/aws-sdk#186); Stratus reports it through `onDroppedEvent` so it can be logged.
 * Not done yet: TraceHeader is accepted but not propagated; endpoints (EndpointId) are ignored.
 */
import type * as api from '../api';
import { busNameOf } from '../arns';
import { MAX_PUT_EVENTS_ENTRIES, MIN_PUT_EVENTS_ENTRIES } from '../constants';
import type { EventsContext } from '../context';
import { deliverToTargets, matchingRules } from '../deliver';
import { buildEnvelope, type EventEnvelope } from '../envelope';
import { validationError } from '../errors';
import { checkEntry, checkRequestSize, type CheckedEntry } from './put-events-entry';
import type { RuleRecord } from '../types';

/** AWS's per-entry answer when it accepted an entry but could not process it. */
const INTERNAL_FAILURE = { ErrorCode: 'InternalException', ErrorMessage: 'Service encountered unexpected problem. Please try again.' };

export type DroppedEventListener = (event: EventEnvelope, busName: string) => void;

export async function putEvents(
  ctx: EventsContext,
  request: api.PutEventsRequest,
  onDroppedEvent?: DroppedEventListener,
): Promise<api.PutEventsResponse> {
  const entries = checkEntryCount(request?.Entries);
  checkRequestSize(entries);
  // One read of a bus's rules per request, however many of its entries go to that bus.
  const rulesByBus = new Map<string, Promise<RuleRecord[] | undefined>>();
  const rulesOf = (bus: string) => rulesByBus.get(bus) ?? rulesByBus.set(bus, ctx.registry.busRules(bus)).get(bus)!;
  const results: api.PutEventsResultEntry[] = [];
  for (const entry of entries) results.push(await putEntry(ctx, entry, rulesOf, onDroppedEvent));
  return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
}

async function putEntry(
  ctx: EventsContext,
  entry: api.PutEventsEntry,
  rulesOf: (bus: string) => Promise<RuleRecord[] | undefined>,
  onDropped?: DroppedEventListener,
): Promise<api.PutEventsResultEntry> {
  const checked = checkEntry(entry);
  if ('ErrorCode' in checked) return checked;
  const ingestionTime = ctx.clock.now();
  const event = envelopeOf(ctx, checked, ingestionTime);
  const busName = busNameOf(entry.EventBusName);
  try {
    const rules = await rulesOf(busName);
    if (!rules) {
      onDropped?.(event, busName);
      return { EventId: event.id };
    }
    for (const rule of matchingRules(ctx, rules, event)) {
      await deliverToTargets(ctx, rule, event, ingestionTime);
    }
  } catch {
    return INTERNAL_FAILURE;
  }
  return { EventId: event.id };
}

function envelopeOf(ctx: EventsContext, entry: CheckedEntry, now: number): EventEnvelope {
  return buildEnvelope(ctx.partition, {
    source: entry.source,
    detailType: entry.detailType,
    detail: entry.detail,
    time: entry.time ?? now,
    resources: entry.resources,
  });
}

function checkEntryCount(entries: api.PutEventsEntry[] | undefined): api.PutEventsEntry[] {
  if (!Array.isArray(entries)) {
    throw validationError("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
  }
  if (entries.length < MIN_PUT_EVENTS_ENTRIES || entries.length > MAX_PUT_EVENTS_ENTRIES) {
    const bound = entries.length < MIN_PUT_EVENTS_ENTRIES ? `greater than or equal to ${MIN_PUT_EVENTS_ENTRIES}` : `less than or equal to ${MAX_PUT_EVENTS_ENTRIES}`;
    throw validationError(`1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return entries;
}
