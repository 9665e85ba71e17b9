/**
 * Starts the SNS fixture app through `startApp` (library use) on ephemeral ports with a fresh
 * state folder, and gives SDK clients (SNS and SQS on the same edge), CLI environments, a raw
 * query helper and a real HTTP subscriber for its tests.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { startApp, type RunningApp } from '../../src/app/app';
import { DEFAULTS } from '../../src/app/config';
import { REPO, removeDir, tempDir } from '../support/stratus-process';
import { awsCliEnv, testAppConfig } from '../support/aws-app';

export const FIXTURE = join(REPO, 'test/aws-sns/fixture/template.yaml');
export const ACCOUNT = DEFAULTS.accountId;
export const REGION = DEFAULTS.region;
export const CREDENTIALS = { accessKeyId: 'AKIDSNSTEST', secretAccessKey: 'sns-test-secret' };
export const CLI_V2 = '/usr/bin/aws';
export const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';

export const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;
export const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

export interface SnsApp {
  app: RunningApp;
  endpoint: string;
  /** SDK v3 clients; `maxAttempts: 1` so error tests see the first answer. */
  sns: SNSClient;
  sqs: SQSClient;
  /** Environment for the CLIs and boto3. */
  env: NodeJS.ProcessEnv;
  /** Creates a queue through the SQS API and answers its URL and ARN. */
  queue(name: string): Promise<{ url: string; arn: string }>;
  /** Long-polls a queue until `count` messages arrived (deleting them), or the wait ends. */
  drain(url: string, count: number, waitMs?: number): Promise<Message[]>;
  close(): Promise<void>;
}

/** `strict`: SigV4 is enforced with CREDENTIALS as the only key pair. */
export async function startSnsApp(options: { strict?: boolean } = {}): Promise<SnsApp> {
  const stateDir = tempDir('stratus-aws-sns-');
  const app = await startApp(
    testAppConfig(FIXTURE, stateDir, {
      region: REGION,
      accountId: ACCOUNT,
      awsCredentials: options.strict ? { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey } : undefined,
    }),
  );
  const endpoint = app.edgeUrl;
  const config = { endpoint, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  return {
    app,
    endpoint,
    sns,
    sqs,
    env: awsCliEnv(endpoint, CREDENTIALS, REGION),
    async queue(name) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
      return { url: QueueUrl!, arn: queueArn(name) };
    },
    async drain(url, count, waitMs = 10_000) {
      const got: Message[] = [];
      const deadline = Date.now() + waitMs;
      while (got.length < count && Date.now() < deadline) {
        const wait = Math.max(1, Math.min(2, Math.ceil((deadline - Date.now()) / 1000)));
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: wait, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
        );
        for (const m of Messages) {
          got.push(m);
          await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
        }
      }
      return got;
    },
    async close() {
      sns.destroy();
      sqs.destroy();
      // Ends pending long polls first, so shutdown is not held by a poller's 20 s wait.
      await app.queues.close();
      await app.close();
      removeDir(stateDir);
    },
  };
}

/** A raw query request (form POST), as older clients send it; unsigned (non-strict mode). */
export async function queryRequest(endpoint: string, body: string | Buffer | Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : new URLSearchParams({ Version: '2010-03-31', ...body }).toString(),
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The text of every `<name>` element, in order. */
export function xmlValues(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

export interface ReceivedPost {
  headers: IncomingHttpHeaders;
  body: Record<string, string>;
}

/** A real HTTP subscriber on 127.0.0.1: records every POST and answers 200. */
export async function startSubscriber(): Promise<{ url: string; posts: ReceivedPost[]; close(): Promise<void> }> {
  const posts: ReceivedPost[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (text += c));
    req.on('end', () => {
      posts.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls `check` until it returns a value (test-side waiting for asynchronous work). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
