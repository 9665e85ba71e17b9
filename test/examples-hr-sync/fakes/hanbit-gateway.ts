/**
 * Fake Hanbit HR gateway: paginated JSON behind X-Api-Key, one dataset per tenant under
 * /t/{tenant}. Items can be replaced by raw (malformed) ones; the gateway can fail or hang.
 */
import type { Employee } from '../../../examples/hr-sync/src/core/employee';
import { startServer, sendJson, type FakeServer } from './server';
import { misbehave, type GatewayMode } from './gateway-behaviour';
import { toHanbitItem } from './people';

export interface HanbitDataset {
  apiKey: string;
  employees: Employee[];
  /** Extra items served as they are (e.g. malformed rows). */
  rawItems: Record<string, unknown>[];
  mode: GatewayMode;
}

export interface FakeHanbit extends FakeServer {
  baseUrl(tenant: string): string;
  dataset(tenant: string, apiKey: string): HanbitDataset;
  requests: { tenant: string; page: number; size: number }[];
}

export async function startFakeHanbit(): Promise<FakeHanbit> {
  const datasets = new Map<string, HanbitDataset>();
  const requests: FakeHanbit['requests'] = [];
  const server = await startServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const m = /^\/t\/([^/]+)\/api\/v2\/employees$/.exec(url.pathname);
    const data = m && datasets.get(decodeURIComponent(m[1]));
    if (!m || !data) return sendJson(res, 404, { error: 'not found' });
    if (req.headers['x-api-key'] !== data.apiKey) return sendJson(res, 401, { error: 'invalid api key' });
    if (misbehave(data.mode, res)) return;
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('size') ?? 50);
    requests.push({ tenant: m[1], page, size });
    const items = [...data.employees.map(toHanbitItem), ...data.rawItems];
    sendJson(res, 200, { items: items.slice((page - 1) * size, page * size), page: { number: page, totalPages: Math.max(1, Math.ceil(items.length / size)) } });
  });
  return {
    ...server,
    requests,
    baseUrl: (tenant) => `${server.url}/t/${encodeURIComponent(tenant)}`,
    dataset(tenant, apiKey) {
      let data = datasets.get(tenant);
      if (!data) datasets.set(tenant, (data = { apiKey, employees: [], rawItems: [], mode: 'ok' }));
      return data;
    },
  };
}
