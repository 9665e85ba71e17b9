/**
 * EventBridge over AWS JSON 1.1 (`X-Amz-Target: AWSEvents.<Operation>`): buses, rules, targets,
 * PutEvents and TestEventPattern, each passed to the events service with the API's own member
 * names. Timestamps arrive as epoch seconds (the JSON protocol's form) and leave as such.
 *
 * Not done yet: archives, replays, connections, API destinations, permissions, tags,
 * ListRuleNamesByTarget. Buses and rules created here are kept in the engine: they survive a
 * restart and are shared by the nodes of one database (the template's are rebuilt at every start).
 */
import type { EventsService } from '../../../services/events';
import { AwsError } from '../errors';
import type { AwsServiceAdapter, Operation } from '../service';

export function eventsService(events: EventsService): AwsServiceAdapter {
  const call = <K extends keyof EventsService>(name: K, shape?: (input: Record<string, unknown>) => Record<string, unknown>): Operation =>
    (input) => (events[name] as (request: unknown) => Promise<unknown>)(shape ? shape(input) : input);
  return {
    signingName: 'events',
    title: 'EventBridge',
    json: { targetPrefix: 'AWSEvents', version: '1.1' },
    operations: {
      CreateEventBus: call('createEventBus'),
      DeleteEventBus: call('deleteEventBus'),
      DescribeEventBus: call('describeEventBus'),
      ListEventBuses: call('listEventBuses'),
      PutRule: call('putRule'),
      DeleteRule: call('deleteRule'),
      DescribeRule: call('describeRule'),
      ListRules: call('listRules'),
      EnableRule: call('enableRule'),
      DisableRule: call('disableRule'),
      PutTargets: call('putTargets'),
      RemoveTargets: call('removeTargets'),
      ListTargetsByRule: call('listTargetsByRule'),
      PutEvents: call('putEvents', putEventsInput),
      TestEventPattern: call('testEventPattern'),
    },
  };
}

/** Entries must be a list; an entry's Time is epoch seconds on the JSON wire. */
function putEventsInput(input: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(input.Entries)) {
    throw new AwsError('ValidationException', "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
  }
  const entries = input.Entries.map((entry) => {
    if (typeof entry !== 'object' || entry === null) return entry;
    const e = entry as Record<string, unknown>;
    return typeof e.Time === 'number' ? { ...e, Time: new Date(e.Time * 1000) } : e;
  });
  return { ...input, Entries: entries };
}
