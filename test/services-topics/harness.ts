/**
 * A topic service on a real SQLite engine file (temp dir) with the real SQS service, an
 * adjustable clock, a recording stand-in for Lambda's async invocation, and helpers for a real
 * HTTP subscriber on 127.0.0.1. Everything started is stopped after the file.
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../../src/engine/index';
import type { Engine } from '../../src/engine/types';
import { AdjustableClock } from '../../src/shared/clock';
import { createQueueService, type QueueService, type Message } from '../../src/services/queues/index';
import { createTopicService, SnsError, type TopicService } from '../../src/services/topics/index';

export const ENDPOINT = 'http://127.0.0.1:4566';
export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';

export interface Harness {
  sns: TopicService;
  sqs: QueueService;
  engine: Engine;
  clock: AdjustableClock;
  invocations: { functionName: string; payload: string }[];
  errors: unknown[];
  /** A second service on the same engine file, as after a restart (the first is closed). */
  restart(): Promise<Harness>;
}

export async function newHarness(options: { dir?: string; clock?: AdjustableClock } = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'stratus-topics-'));
  if (!options.dir) after(() => rmSync(dir, { recursive: true, force: true }));
  const engine = await openEngine(`sqlite:${join(dir, 'stratus.db')}`);
  const clock = options.clock ?? new AdjustableClock();
  const sqs = createQueueService({ store: engine.queues, clock, region: REGION, accountId: ACCOUNT, endpointUrl: ENDPOINT });
  const invocations: Harness['invocations'] = [];
  const errors: unknown[] = [];
  const sns = createTopicService({
    store: engine.topics,
    queues: engine.queues,
    clock,
    region: REGION,
    accountId: ACCOUNT,
    endpointUrl: ENDPOINT,
    onError: (err) => errors.push(err),
    ports: {
      sendMessage: (input) => sqs.sendMessage(input),
      createQueue: (input) => sqs.createQueue(input),
      async invokeAsync(functionName, payload) {
        if (functionName === 'missing') throw new Error(`Function not found: ${functionName}`);
        invocations.push({ functionName, payload });
        return { requestId: 'r' };
      },
    },
  });
  await sns.start();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sns.close();
    await sqs.close();
    await engine.close();
  };
  after(close);
  return {
    sns,
    sqs,
    engine,
    clock,
    invocations,
    errors,
    async restart() {
      await close();
      return newHarness({ dir, clock });
    },
  };
}

export const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
export const queueUrl = (name: string) => `${ENDPOINT}/${ACCOUNT}/${name}`;
export const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

/** Receives what arrives at a queue within a short real-time wait (deliveries are asynchronous). */
export async function receiveAll(sqs: QueueService, name: string, expected: number, waitMs = 3_000): Promise<Message[]> {
  const got: Message[] = [];
  const deadline = Date.now() + waitMs;
  while (got.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await sqs.receiveMessage({ QueueUrl: queueUrl(name), MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], AttributeNames: ['All'] });
    got.push(...Messages);
    for (const m of Messages) await sqs.deleteMessage({ QueueUrl: queueUrl(name), ReceiptHandle: m.ReceiptHandle });
    if (Messages.length === 0) await new Promise((r) => setTimeout(r, 20));
  }
  return got;
}

/** Waits (real time, short) until `check` passes. */
export async function eventually(check: () => void | Promise<void>, waitMs = 3_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp | string, status?: number): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof SnsError, `expected SnsError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    if (status !== undefined) assert.equal(err.status, status);
    return true;
  });
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP subscriber; `status` decides each answer (200 unless changed). */
export async function httpSubscriber(): Promise<{ url: string; requests: Received[]; status: { next: number } }> {
  const requests: Received[] = [];
  const status = { next: 200 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.statusCode = status.next;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  after(() => new Promise<void>((r) => server.close(() => r())));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hook`, requests, status };
}
