/**
 * Listeners for the app's APIs.
 *
 * Port layout: one listener per API, in the order the model lists them — the first on `port`
 * (default 3000, like `sam local start-api`), the next on port+1, and so on. Port 0 gives each
 * API its own ephemeral port (tests). Each API is served at the root of its port; see
 * pathBelowStage for the stage prefix.
 *
 * Not done yet / differs from AWS on purpose: authorizers, CORS preflight answers, API keys,
 * usage plans and stage variables are not applied; custom domains and base path mappings are
 * not served; the 6 MB Lambda invoke payload limit is left to the invoker.
 */
import { listen } from '../../shared/listen';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock';
import type { FunctionInvoker } from '../../services/functions/types';
import type { ApiSpec } from '../../template/model';
import { createApiContext } from './api-context';
import { DEFAULT_FIRST_PORT } from './constants';
import { createRequestHandler, type HttpRequestLog } from './handler';

export interface StartHttpApisOptions {
  apis: ApiSpec[];
  invoker: FunctionInvoker;
  host: string;
  /** Port of the first API; default 3000; 0 for ephemeral ports. */
  port?: number;
  region: string;
  accountId: string;
  clock?: Clock;
  onRequest?(log: HttpRequestLog): void;
}

export interface HttpApiServers {
  endpoints: { api: ApiSpec; url: string }[];
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then cuts them. */
  close(graceMs?: number): Promise<void>;
}

interface Listener {
  server: Server;
  inFlight(): number;
  /** Resolves once no request is in flight. */
  idle(): Promise<void>;
}

export async function startHttpApis(options: StartHttpApisOptions): Promise<HttpApiServers> {
  const firstPort = options.port ?? DEFAULT_FIRST_PORT;
  let closing = false;
  const listeners: Listener[] = [];
  const endpoints: { api: ApiSpec; url: string }[] = [];
  try {
    for (const [index, api] of options.apis.entries()) {
      const ctx = createApiContext(api, options.accountId, options.region);
      const handler = createRequestHandler(ctx, {
        invoker: options.invoker,
        clock: options.clock ?? systemClock,
        onRequest: options.onRequest,
        closing: () => closing,
      });
      const tracker = inFlightTracker();
      const server = createServer((req, res) => {
        tracker.started();
        res.once('close', tracker.finished);
        handler(req, res);
      });
      const port = firstPort === 0 ? 0 : firstPort + index;
      await listen(server, port, options.host, '--port');
      listeners.push({ server, inFlight: tracker.count, idle: tracker.idle });
      const address = server.address() as AddressInfo;
      endpoints.push({ api, url: `http://${urlHost(options.host)}:${address.port}` });
    }
  } catch (err) {
    await Promise.all(listeners.map((l) => shutdown(l, 0)));
    throw err;
  }
  return {
    endpoints,
    async close(graceMs = 0) {
      closing = true;
      await Promise.all(listeners.map((l) => shutdown(l, graceMs)));
    },
  };
}

function inFlightTracker() {
  let active = 0;
  const waiters: (() => void)[] = [];
  return {
    started: () => void active++,
    finished: () => {
      if (--active === 0) for (const wake of waiters.splice(0)) wake();
    },
    count: () => active,
    idle: () => (active === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}

async function shutdown(listener: Listener, graceMs: number): Promise<void> {
  const { server } = listener;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (listener.inFlight() > 0 && graceMs > 0) {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([listener.idle(), graceOver]);
    clearTimeout(timer);
  }
  // In-flight requests past the grace, and keep-alive sockets left idle by finished ones.
  server.closeAllConnections();
  await closed;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
