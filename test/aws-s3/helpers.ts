/**
 * Starts the S3 fixture app through `startApp` (library use) on ephemeral ports with a fresh
 * state folder, and gives S3 clients (path-style and virtual-hosted), CLI environments and a
 * raw-request helper for its edge port.
 */
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startApp, type RunningApp } from '../../src/app/app';
import { DEFAULTS, defaultEngineUrl } from '../../src/app/config';
import { REPO, removeDir, tempDir } from '../support/stratus-process';

export const FIXTURE = join(REPO, 'test/aws-s3/fixture/template.yaml');
export const CREDENTIALS = { accessKeyId: 'AKIDS3TEST', secretAccessKey: 's3-test-secret' };
export const CLI_V2 = '/usr/bin/aws';

export interface S3App {
  app: RunningApp;
  endpoint: string;
  stateDir: string;
  /** Path-style client; `maxAttempts: 1` so error tests see the first answer. */
  s3: S3Client;
  client(options?: { forcePathStyle?: boolean; credentials?: typeof CREDENTIALS; endpoint?: string }): S3Client;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startS3App(options: { templatePath?: string; strict?: boolean; stateDir?: string; engineUrl?: string } = {}): Promise<S3App> {
  const stateDir = options.stateDir ?? tempDir('stratus-aws-s3-');
  const app = await startApp({
    templatePath: options.templatePath ?? FIXTURE,
    host: DEFAULTS.host,
    port: 0,
    edgePort: 0,
    stateDir,
    engineUrl: options.engineUrl ?? defaultEngineUrl(stateDir),
    region: DEFAULTS.region,
    accountId: DEFAULTS.accountId,
    parameterOverrides: {},
    envVars: {},
    hotReload: false,
    ...(options.strict && { awsCredentials: { [CREDENTIALS.accessKeyId]: CREDENTIALS.secretAccessKey } }),
  });
  const endpoint = app.edgeUrl;
  const clients: S3Client[] = [];
  const client: S3App['client'] = (o = {}) => {
    const virtual = o.forcePathStyle === false;
    const c = new S3Client({
      endpoint: o.endpoint ?? (virtual ? endpoint.replace('127.0.0.1', 'localhost') : endpoint),
      region: 'us-east-1',
      credentials: o.credentials ?? CREDENTIALS,
      forcePathStyle: o.forcePathStyle ?? true,
      maxAttempts: 1,
      // `bucket.localhost` does not resolve on every machine: virtual-hosted clients dial loopback.
      ...(virtual && { requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ lookup: loopback } as object) }) }),
    });
    clients.push(c);
    return c;
  };
  return {
    app,
    endpoint,
    stateDir,
    s3: client(),
    client,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    async close() {
      for (const c of clients) c.destroy();
      await app.close();
      if (!options.stateDir) removeDir(stateDir);
    },
  };
}

function loopback(_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void {
  if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

/** A raw HTTP request to the edge port (bad input the SDK would never send). */
export async function raw(endpoint: string, method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}) {
  const res = await fetch(`${endpoint}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] };
}

/** Like `raw`, over node:http, so the Host header can name a virtual-hosted bucket (fetch forbids setting it). */
export function rawWithHost(endpoint: string, method: string, path: string, host: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function bodyText(body: unknown): Promise<string> {
  return (body as { transformToString(): Promise<string> }).transformToString();
}
