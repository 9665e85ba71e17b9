/**
 * The control API under `/_stratus/api/`: what `stratus queues`, `stratus schedules`, `stratus
 * events put` and (later) the console ask a running Stratus. JSON in, JSON out; a service error
 * keeps its AWS code and message.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EdgeHandler } from '../edge/server';
import { ControlError, readJsonBody, sendJson } from './http';
import { queueRoutes, type QueuePorts } from './queues';
import { scheduleRoutes, type SchedulePorts } from './schedules';
import { eventRoutes, type EventPorts } from './events';
import { topicRoutes, type TopicPorts } from './topics';
import { mailRoutes, type MailPorts } from './mail';
import { apiRoutes, type ApiPorts } from './apis';

export const CONTROL_PREFIX = '/_stratus/api/';

export type ControlRoute = {
  method: 'GET' | 'POST';
  /** Path below the prefix, with `:name` segments. */
  pattern: RegExp;
  run(params: string[], body: Record<string, unknown>, query: URLSearchParams): Promise<unknown>;
};

export function controlApi(ports: QueuePorts & SchedulePorts & EventPorts & TopicPorts & MailPorts & ApiPorts): EdgeHandler {
  const routes = [...queueRoutes(ports), ...scheduleRoutes(ports), ...eventRoutes(ports), ...topicRoutes(ports), ...mailRoutes(ports), ...apiRoutes(ports)];
  return async (req, res) => {
    if (!req.url?.startsWith(CONTROL_PREFIX)) return false;
    await handle(req, res, routes);
    return true;
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, routes: ControlRoute[]): Promise<void> {
  const url = new URL(req.url!, 'http://control');
  const path = url.pathname.slice(CONTROL_PREFIX.length);
  try {
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method !== req.method) throw new ControlError(405, `use ${route.method}`);
      const body = req.method === 'POST' ? await readJsonBody(req) : {};
      const params = match.slice(1).map((p) => decodeURIComponent(p));
      return sendJson(res, 200, await route.run(params, body, url.searchParams));
    }
    throw new ControlError(404, `no control endpoint ${req.method} ${url.pathname}`);
  } catch (err) {
    const e = err as { status?: number; code?: string; message?: string };
    const status = err instanceof ControlError ? err.status : typeof e.status === 'number' ? e.status : 500;
    sendJson(res, status, { code: e.code ?? (status >= 500 ? 'InternalError' : 'BadRequest'), message: e.message ?? String(err) });
  }
}
