/**
 * PutLogEvents (CloudWatch Logs API Reference, PutLogEvents → quotas): 1–10,000 events in
 * chronological order, at most 1,048,576 bytes (each message's UTF-8 size plus 26), each event at
 * most 256 KB, spanning at most 24 hours. Events more than 2 hours in the future or older than 14
 * days are skipped and reported in rejectedLogEventsInfo; the rest are stored. The sequence
 * token is ignored, as AWS now does.
 */
import { AwsError } from '../errors';
import { InputReader, type Input } from '../input';
import type { LogCatalog } from './catalog';

export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_EVENT_BYTES = 262_144;
export const MAX_BATCH_SPAN_MS = 24 * 3_600_000;
export const MAX_FUTURE_MS = 2 * 3_600_000;
export const MAX_AGE_MS = 14 * 24 * 3_600_000;
const SEQUENCE_TOKEN = '49039859613988222111111111111111111111111111111111111111';

interface PutEvent {
  timestamp: number;
  message: string;
}

export async function putLogEvents(catalog: LogCatalog, input: Input) {
  const read = new InputReader(input, 'InvalidParameterException');
  const group = read.requiredString('logGroupName');
  const stream = read.requiredString('logStreamName');
  const events = eventsOf(read);
  validateBatch(events);
  await catalog.settle();
  await catalog.requireStream(group, stream);

  const now = catalog.deps.clock.now();
  const rejected: Record<string, number> = {};
  events.forEach((e, i) => {
    if (e.timestamp > now + MAX_FUTURE_MS) rejected.tooNewLogEventStartIndex ??= i;
    else if (e.timestamp < now - MAX_AGE_MS) rejected.tooOldLogEventEndIndex = i + 1;
  });
  const first = rejected.tooOldLogEventEndIndex ?? 0;
  const end = rejected.tooNewLogEventStartIndex ?? events.length;
  for (const e of events.slice(first, end)) catalog.deps.logs.write(group, stream, e.message, e.timestamp);
  await catalog.deps.logs.flush();
  return { nextSequenceToken: SEQUENCE_TOKEN, ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}) };
}

function eventsOf(read: InputReader): PutEvent[] {
  const list = read.list('logEvents');
  if (!list) throw read.fail("1 validation error detected: Value null at 'logEvents' failed to satisfy constraint: Member must not be null");
  if (list.length < 1 || list.length > MAX_BATCH_EVENTS) {
    throw read.fail(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and ${MAX_BATCH_EVENTS}`);
  }
  return list.map((raw, i) => {
    const e = new InputReader(typeof raw === 'object' && raw !== null ? (raw as Input) : {}, 'InvalidParameterException');
    const timestamp = e.number('timestamp', { min: 0 });
    const message = e.string('message');
    if (timestamp === undefined || message === undefined || message === '') {
      throw read.fail(`1 validation error detected: Value at 'logEvents.${i + 1}' must have a timestamp and a non-empty message.`);
    }
    return { timestamp, message };
  });
}

function validateBatch(events: PutEvent[]): void {
  let bytes = 0;
  for (let i = 0; i < events.length; i++) {
    const size = Buffer.byteLength(events[i].message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (size > MAX_EVENT_BYTES) throw new AwsError('InvalidParameterException', `Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    bytes += size;
    if (i > 0 && events[i].timestamp < events[i - 1].timestamp) {
      throw new AwsError('InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  if (bytes > MAX_BATCH_BYTES) throw new AwsError('InvalidParameterException', `Upload too large: ${bytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  if (events[events.length - 1].timestamp - events[0].timestamp > MAX_BATCH_SPAN_MS) {
    throw new AwsError('InvalidParameterException', 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
}
