/**
 * Listeners for the app's APIs.
 *
 * Port layout: one listener per API, in the order the model lists them — the first on `port`
 * (default 3000, like `sam local start-api`), the next on port+1, and so on. Port 0 gives each
 * API its own ephemeral port (tests). Each API is served at the root of its port; see
 * pathBelowStage for the stage prefix.
 *
 * Custom domains (domains/) get one listener each on the ports after the APIs'.
 *
 * Not done yet / differs from AWS on purpose: stage variables are not applied; Cognito and IAM
 * authorizers are not enforced (auth/config.ts); the 6 MB Lambda invoke payload limit is left to
 * the invoker.
 */
import { listen } from '../../shared/listen';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../shared/clock';
import type { FunctionInvoker } from '../../services/functions/types';
import type { ApiSpec, ResolvedResource } from '../../template/model';
import { createApiContext, type ApiContext } from './api-context';
import { DEFAULT_FIRST_PORT } from './constants';
import { createRequestHandler, type HttpRequestLog } from './handler';
import { ApiKeyGate } from './auth/api-keys';
import { AuthorizerCache } from './auth/cache';
import { JwksDirectory } from './auth/jwt';
import { readKeyRegistry, type ApiKey } from './auth/usage-plans';
import { prepareFeatures } from './features';
import { readDomains, type ApiMapping } from './domains/config';
import { createDomainHandler } from './domains/server';
import type { ObjectSource } from './s3/object-source';

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
  /** The template's resources: API keys, usage plans, custom domains and mappings. */
  resources?: Record<string, ResolvedResource>;
  /** Where S3-proxy routes read objects; without it they answer 500. */
  objects?: ObjectSource;
  /** Ports between the APIs' and the custom domains' taken by others (the WebSocket APIs). */
  portsAfterApis?: number;
}

export interface DomainEndpoint {
  name: string;
  url: string;
  mappings: ApiMapping[];
}

export interface HttpApiServers {
  endpoints: { api: ApiSpec; url: string }[];
  domains: DomainEndpoint[];
  /** API keys of the template (generated values included), to show at start. */
  apiKeys: ApiKey[];
  /** Findings about auth, CORS and domains (not enforced, not served). */
  warnings: string[];
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
  const domains: DomainEndpoint[] = [];
  const warnings: string[] = [];
  const warn = (message: string) => void (warnings.includes(message) || warnings.push(message));
  const clock = options.clock ?? systemClock;
  const resources = options.resources ?? {};
  const registry = readKeyRegistry(options.apis, resources);
  const featureDeps = {
    invoker: options.invoker,
    clock,
    cache: new AuthorizerCache<unknown>(clock),
    jwks: new JwksDirectory(),
    keys: new ApiKeyGate(registry, clock),
    objects: options.objects,
  };
  const handlerDeps = { invoker: options.invoker, clock, onRequest: options.onRequest, closing: () => closing };
  const serve = async (handler: (req: IncomingMessage, res: ServerResponse) => void, port: number): Promise<string> => {
    const tracker = inFlightTracker();
    const server = createServer((req, res) => {
      tracker.started();
      res.once('close', tracker.finished);
      handler(req, res);
    });
    await listen(server, port, options.host, '--port');
    listeners.push({ server, inFlight: tracker.count, idle: tracker.idle });
    return `http://${urlHost(options.host)}:${(server.address() as AddressInfo).port}`;
  };
  try {
    const contexts = new Map<string, ApiContext>();
    for (const api of options.apis) {
      const ctx = createApiContext(api, options.accountId, options.region);
      ctx.features = prepareFeatures(ctx, featureDeps, warn);
      contexts.set(api.logicalId, ctx);
    }
    for (const [index, api] of options.apis.entries()) {
      const handler = createRequestHandler(contexts.get(api.logicalId)!, handlerDeps);
      endpoints.push({ api, url: await serve(handler, firstPort === 0 ? 0 : firstPort + index) });
    }
    for (const [index, domain] of readDomains(options.apis, resources, warn).entries()) {
      const handler = createDomainHandler(domain, contexts, handlerDeps);
      const port = firstPort === 0 ? 0 : firstPort + options.apis.length + (options.portsAfterApis ?? 0) + index;
      domains.push({ name: domain.name, url: await serve(handler, port), mappings: domain.mappings });
    }
  } catch (err) {
    await Promise.all(listeners.map((l) => shutdown(l, 0)));
    throw err;
  }
  return {
    endpoints,
    domains,
    apiKeys: registry.keys,
    warnings,
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
