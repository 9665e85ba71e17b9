/**
 * SNS publish → SQS subscriber latency, next to its baseline in the same run: SQS SendMessage →
 * ReceiveMessage on a queue of its own, without SNS. Both go through the real SDK v3 clients over
 * the edge port; a receiver keeps one long poll open on the queue; one message is in flight at a
 * time, and each is timed from just before the send/publish call to the moment the long poll
 * hands it back. The subscriber gets SNS's JSON envelope (the default, non-raw delivery).
 */
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startApp } from '../src/app/app';
import { REPO, fmt } from './support';

const WARMUP_MESSAGES = 200;
const LONG_POLL_SECONDS = 20;

export async function benchSns(seconds: number): Promise<string[]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'stratus-bench-sns-'));
  const app = await startApp({
    templatePath: join(REPO, 'bench/apps/topic/template.yaml'),
    host: '127.0.0.1', port: 0, edgePort: 0, stateDir,
    engineUrl: `sqlite:${join(stateDir, 'stratus.db')}`,
    region: 'us-east-1', accountId: '000000000000', parameterOverrides: {}, envVars: {}, hotReload: false,
  });
  const config = { endpoint: app.edgeUrl, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
  const sqs = new SQSClient(config);
  const sns = new SNSClient(config);
  try {
    const urlOf = async (QueueName: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl!;
    const direct = await urlOf('bench-sqs-direct');
    const subscriber = await urlOf('bench-sns-subscriber');
    const topicArn = 'arn:aws:sns:us-east-1:000000000000:bench-fanout';

    const baseline = await measure(sqs, direct, (body) => body, seconds, (body) => sqs.send(new SendMessageCommand({ QueueUrl: direct, MessageBody: body })));
    const viaSns = await measure(sqs, subscriber, (body) => JSON.parse(body).Message, seconds, (body) => sns.send(new PublishCommand({ TopicArn: topicArn, Message: body })));

    return [
      `## SNS publish → SQS subscriber latency (SDK v3 over the edge, one message in flight, long polling)`,
      `SQS SendMessage → ReceiveMessage, no SNS   p50 ${fmt(baseline.p50, 2).padStart(6)} ms   p99 ${fmt(baseline.p99, 2).padStart(6)} ms   (${fmt(baseline.count)} msgs; baseline)`,
      `SNS Publish → subscribed queue's receive   p50 ${fmt(viaSns.p50, 2).padStart(6)} ms   p99 ${fmt(viaSns.p99, 2).padStart(6)} ms   (${fmt(viaSns.count)} msgs; SNS adds p50 ${fmt(viaSns.p50 - baseline.p50, 2)} ms, ratio ${fmt(viaSns.p50 / baseline.p50, 2)})`,
    ];
  } finally {
    sqs.destroy();
    sns.destroy();
    // Ends the receivers' long polls before the rest shuts down.
    await app.queues.close();
    await app.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

interface Latency {
  p50: number;
  p99: number;
  count: number;
}

/** Sends one message at a time for `seconds` (after a warm-up) and times each to its receipt. */
async function measure(
  sqs: SQSClient,
  queueUrl: string,
  tokenOf: (body: string) => string,
  seconds: number,
  send: (body: string) => Promise<unknown>,
): Promise<Latency> {
  const receiver = startReceiver(sqs, queueUrl, tokenOf);
  try {
    const samples: number[] = [];
    const until = performance.now() + seconds * 1000;
    for (let i = 0; i < WARMUP_MESSAGES || performance.now() < until; i++) {
      const token = `m-${i}`;
      const arrived = receiver.arrival(token);
      const start = performance.now();
      await send(token);
      const latency = (await arrived) - start;
      if (i >= WARMUP_MESSAGES) samples.push(latency);
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    return { p50: at(0.5), p99: at(0.99), count: samples.length };
  } finally {
    await receiver.stop();
  }
}

/** One long-poll loop on the queue; each message's arrival time resolves whoever waits for its token. */
function startReceiver(sqs: SQSClient, queueUrl: string, tokenOf: (body: string) => string) {
  const waiting = new Map<string, { resolve(at: number): void; reject(err: unknown): void }>();
  let failed: unknown;
  const deletes = new Set<Promise<unknown>>();
  const stop = new AbortController();
  const loop = (async () => {
    while (!stop.signal.aborted) {
      const { Messages = [] } = await sqs
        .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: LONG_POLL_SECONDS }), { abortSignal: stop.signal })
        .catch((err) => {
          if (stop.signal.aborted) return { Messages: [] };
          throw err;
        });
      const at = performance.now();
      for (const m of Messages) {
        const token = tokenOf(m.Body!);
        waiting.get(token)?.resolve(at);
        waiting.delete(token);
        // Deleted off the timed path, so the next long poll starts at once.
        const deleting = sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle })).finally(() => deletes.delete(deleting));
        deletes.add(deleting);
      }
    }
  })().catch((err) => {
    // A failed receive must not leave the sender waiting forever.
    failed = err;
    for (const waiter of waiting.values()) waiter.reject(err);
  });
  return {
    arrival: (token: string) =>
      new Promise<number>((resolve, reject) => (failed ? reject(failed) : waiting.set(token, { resolve, reject }))),
    async stop() {
      stop.abort();
      await loop;
      await Promise.allSettled([...deletes]);
    },
  };
}
