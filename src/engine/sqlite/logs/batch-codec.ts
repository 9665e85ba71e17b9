/** Log batches between the main thread and the log writer thread (writer-thread.ts). */
import type { LogEventInput } from '../../types';

/**
 * A batch in columns: cloning a few typed arrays and one string costs far less than cloning
 * hundreds of small objects (structured clone walks each one's properties).
 */
export interface AppendRequest {
  id: number;
  ingestionTime: number;
  /** Distinct (group, stream) pairs, flattened: [group0, stream0, group1, stream1, …]. */
  pairs: string[];
  /** Per line: index of its pair in `pairs` / 2. */
  pairOf: Uint32Array;
  timestamps: Float64Array;
  /** Per line: length of its message in `text` (UTF-16 units). */
  lengths: Uint32Array;
  text: string;
}

export function encodeBatch(id: number, events: LogEventInput[], ingestionTime: number): AppendRequest {
  const n = events.length;
  const pairIndex = new Map<string, number>();
  const pairs: string[] = [];
  const pairOf = new Uint32Array(n);
  const timestamps = new Float64Array(n);
  const lengths = new Uint32Array(n);
  const messages: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const e = events[i];
    const key = e.group + '\u0000' + e.stream;
    let index = pairIndex.get(key);
    if (index === undefined) {
      index = pairs.length / 2;
      pairIndex.set(key, index);
      pairs.push(e.group, e.stream);
    }
    pairOf[i] = index;
    timestamps[i] = e.timestamp;
    lengths[i] = e.message.length;
    messages[i] = e.message;
  }
  return { id, ingestionTime, pairs, pairOf, timestamps, lengths, text: messages.join('') };
}

export function decodeBatch(request: AppendRequest): LogEventInput[] {
  const events: LogEventInput[] = new Array(request.lengths.length);
  let offset = 0;
  for (let i = 0; i < events.length; i++) {
    const pair = request.pairOf[i] * 2;
    const end = offset + request.lengths[i];
    events[i] = { group: request.pairs[pair], stream: request.pairs[pair + 1], timestamp: request.timestamps[i], message: request.text.slice(offset, end) };
    offset = end;
  }
  return events;
}

export type AppendReply = { id: number } | { id: number; error: string };

/** Fixed at spawn through `workerData`. */
export interface WriterBoot {
  path: string;
}
