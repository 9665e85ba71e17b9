/**
 * The Lambda Runtime API for ONE execution environment, on its own loopback port.
 *
 * Why one listener per instance rather than one shared server: AWS_LAMBDA_RUNTIME_API must be a
 * bare `host:port` (the official runtime clients for Node, Python, Java and Rust parse it as
 * such), so a path prefix cannot tell instances apart; a port per instance also keeps a confused
 * runtime from ever touching another instance's invocation. A listener costs one socket.
 *
 * Not implemented: the Extensions, Telemetry and Logs APIs; response streaming
 * (Lambda-Runtime-Function-Response-Mode); the X-Ray error-cause header is accepted and ignored.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambdaErrorShape } from '../types';
import { readBody } from './body';
import { API_ERROR, HEADER, MAX_RESPONSE_PAYLOAD_BYTES, RUNTIME_API_HOST, RUNTIME_API_VERSION } from './constants';
import { errorFromRuntimePost } from './platform-errors';

export interface DispatchedInvocation {
  requestId: string;
  payload: string;
  /** Epoch ms, sent as Lambda-Runtime-Deadline-Ms. */
  deadline: number;
  invokedFunctionArn: string;
  traceId: string;
  clientContext?: string;
}

/** What the runtime told the API. Each call happens at most once per invocation. */
export interface RuntimeApiListener {
  /** The runtime asked for work (GET /next). */
  nextRequested(): void;
  response(requestId: string, body: Buffer): void;
  responseTooLarge(requestId: string, size: number): void;
  invocationError(requestId: string, error: LambdaErrorShape): void;
  initError(error: LambdaErrorShape): void;
}

const PREFIX = `/${RUNTIME_API_VERSION}/runtime`;
const INVOCATION_PATH = new RegExp(`^${PREFIX}/invocation/([^/]+)/(response|error)$`);

export class RuntimeApiServer {
  private parkedNext: ServerResponse | undefined;
  private queued: DispatchedInvocation | undefined;
  private inFlight: string | undefined;
  private initialised = false;

  private constructor(
    private readonly server: Server,
    private readonly listener: RuntimeApiListener,
  ) {}

  static async start(listener: RuntimeApiListener): Promise<RuntimeApiServer> {
    const server = createServer();
    // A /next request may wait for minutes; an idle keep-alive runtime connection is normal.
    server.keepAliveTimeout = 0;
    server.requestTimeout = 0;
    const api = new RuntimeApiServer(server, listener);
    server.on('request', (req, res) => api.route(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, RUNTIME_API_HOST, () => resolve());
    });
    return api;
  }

  /** Value for AWS_LAMBDA_RUNTIME_API. */
  get address(): string {
    const { port } = this.server.address() as AddressInfo;
    return `${RUNTIME_API_HOST}:${port}`;
  }

  /** Hands an invocation to the runtime: answers its pending /next, or the next one it sends. */
  dispatch(invocation: DispatchedInvocation): void {
    this.inFlight = invocation.requestId;
    const parked = this.parkedNext;
    this.parkedNext = undefined;
    if (parked && !parked.destroyed) this.sendInvocation(parked, invocation);
    else this.queued = invocation;
  }

  /** The invocation ended without the runtime (timeout, crash): later posts for it are invalid. */
  abandon(): void {
    this.inFlight = undefined;
    this.queued = undefined;
  }

  async close(): Promise<void> {
    this.parkedNext?.destroy();
    this.parkedNext = undefined;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path === `${PREFIX}/invocation/next`) return req.method === 'GET' ? this.next(req, res) : methodNotAllowed(req, res);
    if (path === `${PREFIX}/init/error`) return req.method === 'POST' ? this.initError(req, res) : methodNotAllowed(req, res);
    const match = INVOCATION_PATH.exec(path);
    if (!match) return notFound(req, res);
    if (req.method !== 'POST') return methodNotAllowed(req, res);
    const requestId = decodeURIComponent(match[1]);
    return match[2] === 'response' ? this.response(requestId, req, res) : this.invocationError(requestId, req, res);
  }

  private next(req: IncomingMessage, res: ServerResponse): void {
    if (this.parkedNext || (this.inFlight && !this.queued)) {
      return sendJson(res, 403, stateError('Running', 'Ready'));
    }
    this.initialised = true;
    this.listener.nextRequested();
    const queued = this.queued;
    if (queued) {
      this.queued = undefined;
      return this.sendInvocation(res, queued);
    }
    this.parkedNext = res;
    res.on('close', () => {
      if (this.parkedNext === res) this.parkedNext = undefined;
    });
    void req;
  }

  private async response(requestId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_RESPONSE_PAYLOAD_BYTES);
    if (requestId !== this.inFlight) return sendJson(res, 400, invalidRequestId());
    this.inFlight = undefined;
    if (body.tooLarge) {
      sendJson(res, 413, {
        errorMessage: `Exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD_BYTES} bytes).`,
        errorType: API_ERROR.tooLarge,
      });
      return this.listener.responseTooLarge(requestId, body.size);
    }
    sendJson(res, 202, { status: 'OK' });
    this.listener.response(requestId, body.bytes);
  }

  private async invocationError(requestId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_RESPONSE_PAYLOAD_BYTES);
    if (requestId !== this.inFlight) return sendJson(res, 400, invalidRequestId());
    this.inFlight = undefined;
    sendJson(res, 202, { status: 'OK' });
    this.listener.invocationError(requestId, errorFromRuntimePost(body.bytes, header(req, HEADER.errorType)));
  }

  private async initError(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_RESPONSE_PAYLOAD_BYTES);
    if (this.initialised) return sendJson(res, 403, stateError('Ready', 'InitError'));
    sendJson(res, 202, { status: 'OK' });
    this.listener.initError(errorFromRuntimePost(body.bytes, header(req, HEADER.errorType)));
  }

  private sendInvocation(res: ServerResponse, inv: DispatchedInvocation): void {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      [HEADER.requestId]: inv.requestId,
      [HEADER.deadline]: String(Math.floor(inv.deadline)),
      [HEADER.functionArn]: inv.invokedFunctionArn,
      [HEADER.traceId]: inv.traceId,
    };
    const clientContext = singleLineJson(inv.clientContext);
    if (clientContext) headers[HEADER.clientContext] = clientContext;
    res.writeHead(200, headers);
    res.end(inv.payload);
  }
}

/** Header values cannot hold newlines; JSON re-serialised compactly keeps its meaning. */
function singleLineJson(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text.replace(/[\r\n]+/g, ' ');
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

const invalidRequestId = () => ({ errorMessage: 'Invalid request ID', errorType: API_ERROR.invalidRequestId });

const stateError = (from: string, to: string) => ({
  errorMessage: `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
  errorType: API_ERROR.invalidStateTransition,
});

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function notFound(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await readBody(req, 0);
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('404 page not found\n');
}

async function methodNotAllowed(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await readBody(req, 0);
  res.writeHead(405);
  res.end();
}
