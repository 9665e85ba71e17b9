/**
 * DeleteMessage, ChangeMessageVisibility and their batch forms: engine outcomes mapped to SQS's
 * answers. Delete with an outdated or already-used handle succeeds without deleting (DeleteMessage
 * API reference); on FIFO queues a handle whose lease ran out is refused as expired.
 */
import type { HandleOutcome } from '../../engine/types';
import { optionalInteger, type QueueContext } from './context';
import { invalidParameter, messageNotInflight, missingParameter, receiptHandleIsInvalid, SqsError } from './errors';
import { VISIBILITY_TIMEOUT } from './limits';
import { assertBatchShape, entryFailure } from './batch';
import type { BatchOutput } from './types';

const VISIBILITY_REASON = 'VisibilityTimeout must be an integer between 0 and 43200';

function deleteError(outcome: HandleOutcome, handle: string): SqsError | undefined {
  if (outcome === 'invalid') return receiptHandleIsInvalid(handle);
  if (outcome === 'lapsed') return invalidParameter('ReceiptHandle', handle, 'The receipt handle has expired.');
  return undefined;
}

function visibilityError(outcome: HandleOutcome, handle: string): SqsError | undefined {
  if (outcome === 'invalid') return receiptHandleIsInvalid(handle);
  if (outcome === 'lapsed') return messageNotInflight();
  if (outcome === 'stale') {
    return invalidParameter('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
  }
  return undefined;
}

const requireHandle = (handle: unknown): string => {
  if (typeof handle !== 'string' || handle === '') throw missingParameter('ReceiptHandle');
  return handle;
};

export function createMessageOps(ctx: QueueContext) {
  const changeOf = (timeout: unknown) =>
    optionalInteger('VisibilityTimeout', timeout, VISIBILITY_TIMEOUT, VISIBILITY_REASON, invalidParameter) ??
    (() => {
      throw missingParameter('VisibilityTimeout');
    })();

  return {
    async deleteMessage(input: { QueueUrl: string; ReceiptHandle: string }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const handle = requireHandle(input.ReceiptHandle);
      const [outcome] = await ctx.store.delete(queue.name, [handle], ctx.clock.now());
      const error = deleteError(outcome, handle);
      if (error) throw error;
      return {};
    },

    async deleteMessageBatch(input: { QueueUrl: string; Entries: { Id: string; ReceiptHandle: string }[] }): Promise<BatchOutput> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      assertBatchShape(input.Entries, 'DeleteMessageBatchRequestEntry');
      const outcomes = await ctx.store.delete(queue.name, input.Entries.map((e) => String(e.ReceiptHandle ?? '')), ctx.clock.now());
      return collect(input.Entries, outcomes.map((o, i) => deleteError(o, input.Entries[i].ReceiptHandle)));
    },

    async changeMessageVisibility(input: { QueueUrl: string; ReceiptHandle: string; VisibilityTimeout: number }): Promise<Record<string, never>> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      const handle = requireHandle(input.ReceiptHandle);
      const seconds = changeOf(input.VisibilityTimeout);
      const [outcome] = await ctx.store.changeVisibility(queue.name, [{ receiptHandle: handle, visibilityTimeoutMs: seconds * 1000 }], ctx.clock.now());
      const error = visibilityError(outcome, handle);
      if (error) throw error;
      return {};
    },

    async changeMessageVisibilityBatch(input: {
      QueueUrl: string;
      Entries: { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[];
    }): Promise<BatchOutput> {
      const queue = await ctx.queueByUrl(input.QueueUrl);
      assertBatchShape(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
      const failures = new Map<string, SqsError>();
      const valid: { id: string; receiptHandle: string; visibilityTimeoutMs: number }[] = [];
      for (const e of input.Entries) {
        try {
          valid.push({ id: e.Id, receiptHandle: requireHandle(e.ReceiptHandle), visibilityTimeoutMs: changeOf(e.VisibilityTimeout ?? 0) * 1000 });
        } catch (err) {
          if (!(err instanceof SqsError)) throw err;
          failures.set(e.Id, err);
        }
      }
      const outcomes = valid.length > 0 ? await ctx.store.changeVisibility(queue.name, valid, ctx.clock.now()) : [];
      valid.forEach((v, i) => {
        const error = visibilityError(outcomes[i], v.receiptHandle);
        if (error) failures.set(v.id, error);
      });
      return collect(input.Entries, input.Entries.map((e) => failures.get(e.Id)));
    },
  };
}

function collect(entries: { Id: string }[], errors: (SqsError | undefined)[]): BatchOutput {
  const out: BatchOutput = { Successful: [], Failed: [] };
  entries.forEach((e, i) => {
    const error = errors[i];
    if (error) out.Failed.push(entryFailure(e.Id, error));
    else out.Successful.push({ Id: e.Id });
  });
  return out;
}
