/**
 * Starts the SQS fixture app through `startApp` (library use) on ephemeral ports with a fresh
 * state folder, and gives SDK clients, CLI environments and raw-request helpers for its edge port.
 */
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startApp, type RunningApp } from '../../src/app/app';
import { DEFAULTS } from '../../src/app/config';
import { REPO, removeDir, tempDir } from '../support/stratus-process';
import { awsCliEnv, testAppConfig } from '../support/aws-app';

export const FIXTURE = join(REPO, 'test/aws-sqs/fixture/template.yaml');
/** The same queues plus a function whose event source names a queue the tests create later. */
export const RELAY_FIXTURE = join(REPO, 'test/aws-sqs/fixture/relay.yaml');
export const ACCOUNT = DEFAULTS.accountId;
export const CREDENTIALS = { accessKeyId: 'AKIDSQSTEST', secretAccessKey: 'sqs-test-secret' };
export const CLI_V2 = '/usr/bin/aws';

export interface SqsApp {
  app: RunningApp;
  endpoint: string;
  /** An SDK v3 client; `maxAttempts: 1` so error tests see the first answer. */
  sqs: SQSClient;
  /** Environment for the CLIs and boto3. */
  env: NodeJS.ProcessEnv;
  /** The URL of a queue by name, as Stratus forms it. */
  url(name: string): string;
  close(): Promise<void>;
}

export async function startSqsApp(templatePath = FIXTURE): Promise<SqsApp> {
  const stateDir = tempDir('stratus-aws-sqs-');
  const app = await startApp(testAppConfig(templatePath, stateDir, { accountId: ACCOUNT }));
  const endpoint = app.edgeUrl;
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
  return {
    app,
    endpoint,
    sqs,
    env: awsCliEnv(endpoint, CREDENTIALS),
    url: (name) => `${endpoint}/${ACCOUNT}/${name}`,
    async close() {
      sqs.destroy();
      // Ends pending long polls first: the app stops its queue pollers before the queue service,
      // so a poller in a 20 s long poll would otherwise hold the shutdown for up to 20 s.
      await app.queues.close();
      await app.close();
      removeDir(stateDir);
    },
  };
}

/** A raw query request (form POST), as older clients send it; no signature (non-strict mode). */
export async function queryRequest(endpoint: string, form: Record<string, string>, path = '/') {
  const res = await fetch(endpoint + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2012-11-05', ...form }).toString(),
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** A raw AWS JSON 1.0 request. */
export async function jsonRequest(endpoint: string, operation: string, body: unknown) {
  const res = await fetch(endpoint + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${operation}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The text of every `<name>` element, in order (enough for the flat XML SQS answers with). */
export function xmlValues(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
