/** A queue service on a fresh in-memory engine with an adjustable clock, closed after the file. */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine } from '../../src/engine/index';
import { AdjustableClock } from '../../src/shared/clock';
import { createQueueService, SqsError, type QueueService } from '../../src/services/queues/index';

export const ENDPOINT = 'http://127.0.0.1:4566';
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export async function newService(): Promise<{ sqs: QueueService; clock: AdjustableClock }> {
  const engine = await openEngine('sqlite::memory:');
  const clock = new AdjustableClock();
  const sqs = createQueueService({ store: engine.queues, clock, region: REGION, accountId: ACCOUNT, endpointUrl: ENDPOINT });
  after(async () => {
    await sqs.close();
    await engine.close();
  });
  return { sqs, clock };
}

/** Asserts an SqsError with this JSON code (and optionally status, query code, message pattern). */
export async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  more: { status?: number; queryCode?: string; message?: RegExp } = {},
): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof SqsError, `expected SqsError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (more.status !== undefined) assert.equal(err.status, more.status);
    if (more.queryCode !== undefined) assert.equal(err.queryCode, more.queryCode);
    if (more.message) assert.match(err.message, more.message);
    return true;
  });
}

export const arn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
