/**
 * GetLogEvents and FilterLogEvents (CloudWatch Logs API Reference).
 * GetLogEvents reads one stream: without a token it returns the newest events (or the oldest
 * with startFromHead); nextForwardToken/nextBackwardToken continue either way, and a token
 * comes back unchanged once there is nothing further (clients stop on that). startTime is
 * inclusive, endTime exclusive. FilterLogEvents reads a group (or some of its streams)
 * interleaved in time order, matching filterPattern's plain-term form; endTime is inclusive.
 */
import type { StoredLogEvent } from '../../../engine/types';
import { matchesFilter, narrowestTerm, parseFilterPattern, type FilterPattern } from '../../../services/logs/filter-pattern';
import { AwsError } from '../errors';
import { InputReader, type Input } from '../input';
import type { LogCatalog } from './catalog';
import { groupNameOf } from './names';
import { directionalToken, END, eventId, opaqueToken, parseDirectionalToken, parseOpaqueToken, START } from './positions';
import { scan } from './scan';

/** Both operations return at most 10,000 events per call (and 1 MB, not enforced here). */
export const MAX_EVENTS_LIMIT = 10_000;
export const MAX_LOG_STREAM_NAMES = 100;

export async function getLogEvents(catalog: LogCatalog, input: Input) {
  const read = new InputReader(input, 'InvalidParameterException');
  const group = groupNameOf(read);
  const stream = read.requiredString('logStreamName');
  const startTime = read.number('startTime', { min: 0 });
  const endTime = read.number('endTime', { min: 0 });
  const limit = read.number('limit', { min: 1, max: MAX_EVENTS_LIMIT }) ?? MAX_EVENTS_LIMIT;
  const token = read.string('nextToken');
  const startFromHead = read.boolean('startFromHead') ?? false;
  await catalog.settle();
  await catalog.requireStream(group, stream);

  const parsed = token !== undefined ? parseDirectionalToken(token) : undefined;
  const direction = parsed ? parsed.direction : startFromHead ? 'f' : 'b';
  const from = parsed?.position ?? (direction === 'f' ? START : END);
  const result = await scan(catalog.deps.store, {
    group,
    stream,
    since: startTime,
    until: endTime === undefined ? undefined : endTime - 1,
    from,
    direction: direction === 'f' ? 'forward' : 'backward',
    limit,
    accept: () => true,
  });
  const events = direction === 'f' ? result.events : result.events.reverse();
  const first = events[0];
  const last = events[events.length - 1];
  return {
    events: events.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: last ? directionalToken('f', last) : (token && direction === 'f' ? token : directionalToken('f', direction === 'f' ? from : START)),
    nextBackwardToken: first ? directionalToken('b', first) : (token && direction === 'b' ? token : directionalToken('b', direction === 'b' ? from : END)),
  };
}

export async function filterLogEvents(catalog: LogCatalog, input: Input) {
  const read = new InputReader(input, 'InvalidParameterException');
  const group = groupNameOf(read);
  const streamNames = read.stringList('logStreamNames', MAX_LOG_STREAM_NAMES);
  const streamPrefix = read.string('logStreamNamePrefix');
  if (streamNames && streamPrefix !== undefined) throw read.fail('Cannot specify both logStreamNames and logStreamNamePrefix.');
  const startTime = read.number('startTime', { min: 0 });
  const endTime = read.number('endTime', { min: 0 });
  const limit = read.number('limit', { min: 1, max: MAX_EVENTS_LIMIT }) ?? MAX_EVENTS_LIMIT;
  const token = read.string('nextToken');
  read.boolean('interleaved'); // deprecated: results are always interleaved
  const pattern = filterPatternOf(read.string('filterPattern'));
  await catalog.settle();
  await catalog.requireGroup(group);

  const streams = streamNames ? new Set(streamNames) : undefined;
  const accept = (e: StoredLogEvent) =>
    (!streams || streams.has(e.stream)) &&
    (streamPrefix === undefined || e.stream.startsWith(streamPrefix)) &&
    (!pattern || matchesFilter(e.message, pattern));
  const result = await scan(catalog.deps.store, {
    group,
    stream: streamNames?.length === 1 ? streamNames[0] : undefined,
    since: startTime,
    until: endTime,
    from: token !== undefined ? parseOpaqueToken(token) : START,
    direction: 'forward',
    limit,
    contains: pattern ? narrowestTerm(pattern) : undefined,
    accept,
  });
  return {
    events: result.events.map((e) => ({
      logStreamName: e.stream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventId(e.id),
    })),
    searchedLogStreams: [],
    nextToken: result.exhausted ? undefined : opaqueToken(result.last),
  };
}

function filterPatternOf(text: string | undefined): FilterPattern | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return parseFilterPattern(text);
  } catch (err) {
    throw new AwsError('InvalidParameterException', (err as Error).message);
  }
}
