/** What every queue operation shares: the store, the clock, addressing, and queue lookup by URL. */
import type { QueueRecord, QueueStore } from '../../engine/types';
import type { Clock } from '../../shared/clock';
import { queueDoesNotExist } from './errors';
import { nameFromUrl, type QueueAddressing } from './names';

export interface QueueServiceOptions extends QueueAddressing {
  store: QueueStore;
  clock: Clock;
}

export interface QueueContext extends QueueServiceOptions {
  /** The queue a QueueUrl names, or QueueDoesNotExist. */
  queueByUrl(url: string | undefined): Promise<QueueRecord>;
  /** Aborted when the service closes: long polls and move tasks stop. */
  readonly closing: AbortSignal;
}

export function createContext(options: QueueServiceOptions, closing: AbortSignal): QueueContext {
  return {
    ...options,
    closing,
    async queueByUrl(url) {
      const queue = await options.store.getQueue(nameFromUrl(options, url));
      if (!queue) throw queueDoesNotExist();
      return queue;
    },
  };
}

/** An optional integer parameter within bounds, with SQS's wording when it is not. */
export function optionalInteger(
  name: string,
  value: unknown,
  range: { min: number; max: number },
  reason: string,
  makeError: (name: string, value: unknown, reason: string) => Error,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) throw makeError(name, value, reason);
  return n;
}
