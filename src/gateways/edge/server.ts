/**
 * The edge port: one listener for every AWS-compatible endpoint and the console (`/_stratus/`).
 * It answers the health check itself; everything else goes to the handlers in order: control
 * endpoints under `/_stratus/`, then the AWS endpoints (src/gateways/aws), which answer every
 * request outside `/_stratus/` in the AWS protocol it looks like. The handler list may grow after
 * the server started (the AWS endpoints need services that need the edge URL first). Requests no
 * handler takes get an AWS-style JSON error, never a hang.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { listen } from '../../shared/listen';

export type EdgeHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface EdgeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEdgeServer(options: { host: string; port: number; handlers?: EdgeHandler[] }): Promise<EdgeServer> {
  const handlers = options.handlers ?? [];
  const server: Server = createServer((req, res) => {
    void route(req, res, handlers).catch((err) => sendJson(res, 500, { __type: 'InternalFailure', message: String(err?.message ?? err) }));
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port, options.host, '--edge-port');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, handlers: EdgeHandler[]): Promise<void> {
  if (req.url === '/_stratus/health') return sendJson(res, 200, { status: 'ok' });
  for (const handler of handlers) if (await handler(req, res)) return;
  req.resume();
  sendJson(res, 400, { __type: 'UnknownOperationException', message: `Stratus does not serve ${req.method} ${req.url} yet` });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
