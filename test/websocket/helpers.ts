/**
 * Shared pieces of the WebSocket end-to-end tests: the fixture app started as the real `stratus`
 * binary, a real `ws` client, and the WsEvents queue where the fixture's handlers record the
 * events they received.
 */
import { after } from 'node:test';
import { once } from 'node:events';
import { join } from 'node:path';
import WebSocket from 'ws';
import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { REPO, removeDir, startStratus, type StratusProcess } from '../support/stratus-process';

export const FIXTURE = join(REPO, 'test/fixtures/apps/websocket');
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface WsApp {
  proc: StratusProcess;
  /** `ws://127.0.0.1:<port>` by API logical id (no stage). */
  apis: Record<string, string>;
  edgeUrl: string;
  /** The management API endpoint on the API's own port, as handlers build it. */
  managementUrl(api?: string, stage?: string): string;
  events: EventLog;
}

/** Starts the fixture once per test file; stopped (and its state removed) when the file ends. */
export async function startWsApp(extraArgs: string[] = []): Promise<WsApp> {
  const proc = await startStratus([FIXTURE, ...extraArgs]);
  after(async () => {
    await proc.stop();
    removeDir(proc.stateDir);
    if (process.env.STRATUS_TEST_SHOW_STDERR) process.stderr.write(proc.stderr());
  });
  return wsAppOf(proc);
}

/** The WebSocket URLs a started fixture printed. */
export function wsAppOf(proc: StratusProcess): WsApp {
  const apis: Record<string, string> = {};
  for (const m of proc.stdout().matchAll(/WebSocket API (\w+): (ws:\/\/[^/\s]+)\/\S+/g)) apis[m[1]!] = m[2]!;
  return {
    proc,
    apis,
    edgeUrl: proc.edgeUrl,
    managementUrl: (api = 'WsApi', stage = 'prod') => `${apis[api]!.replace(/^ws/, 'http')}/${stage}`,
    events: new EventLog(proc.edgeUrl),
  };
}

export function managementClient(endpoint: string): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS });
}

export type Refused = { refused: number; body: string };

/** Opens a client; resolves with the socket once open, or with the HTTP status of a refusal. */
export function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket | Refused> {
  const ws = new WebSocket(url, options);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ refused: res.statusCode!, body }));
    });
    ws.once('error', (err) => reject(err));
  });
}

export async function open(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const result = await connect(url, options);
  if (!(result instanceof WebSocket)) throw new Error(`refused with ${result.refused}: ${result.body}`);
  return result;
}

/** Collects every message a socket receives, from now on. */
export function inbox(ws: WebSocket) {
  const messages: string[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    messages.push(data.toString());
    for (const w of waiters.splice(0)) w();
  });
  return {
    messages,
    async next(predicate: (m: string) => boolean = () => true, timeoutMs = 10_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.findIndex(predicate);
        if (found >= 0) return messages.splice(found, 1)[0]!;
        if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

export async function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) throw new Error('already closed');
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
  return { code, reason: reason.toString() };
}

interface RecordedEvent {
  handler: string;
  event: Record<string, any>;
}

/** Reads the events the fixture's handlers sent to the WsEvents queue. */
export class EventLog {
  private readonly sqs: SQSClient;
  private readonly seen: RecordedEvent[] = [];
  private readonly queueUrl: string;

  constructor(edgeUrl: string) {
    this.sqs = new SQSClient({ endpoint: edgeUrl, region: 'us-east-1', credentials: CREDENTIALS });
    this.queueUrl = `${edgeUrl}/000000000000/WsEvents`;
    after(() => this.sqs.destroy());
  }

  /** The first recorded event matching, waiting for it up to `timeoutMs`. */
  async find(predicate: (e: RecordedEvent) => boolean, timeoutMs = 15_000): Promise<RecordedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.seen.findIndex(predicate);
      if (index >= 0) return this.seen.splice(index, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no matching event; seen ${JSON.stringify(this.seen.map((e) => [e.handler, e.event.requestContext?.connectionId]))}`);
      const { Messages = [] } = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of Messages) {
        this.seen.push(JSON.parse(m.Body!));
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: m.ReceiptHandle! }));
      }
    }
  }

  /** The event a handler recorded for one connection. */
  of(handler: string, connectionId?: string, extra: (e: Record<string, any>) => boolean = () => true) {
    return this.find((e) => e.handler === handler && (connectionId === undefined || e.event.requestContext?.connectionId === connectionId) && extra(e.event));
  }
}
