/**
 * Fake Saebyeok export: a CSV file (UTF-8 with BOM, CRLF) behind HTTP Basic auth, one per tenant
 * under /t/{tenant}. Extra raw lines can be appended; the export can fail or hang.
 */
import type { Employee } from '../../../examples/hr-sync/src/core/employee';
import { startServer, type FakeServer } from './server';
import { misbehave, type GatewayMode } from './gateway-behaviour';
import { csvLine, SAEBYEOK_HEADER, toSaebyeokRow } from './people';

export interface SaebyeokDataset {
  username: string;
  password: string;
  employees: Employee[];
  rawLines: string[];
  mode: GatewayMode;
}

export interface FakeSaebyeok extends FakeServer {
  baseUrl(tenant: string): string;
  dataset(tenant: string, username: string, password: string): SaebyeokDataset;
  downloads: number;
}

export async function startFakeSaebyeok(): Promise<FakeSaebyeok> {
  const datasets = new Map<string, SaebyeokDataset>();
  const fake = { downloads: 0 } as FakeSaebyeok;
  const server = await startServer((req, res) => {
    const m = /^\/t\/([^/]+)\/hr\/export\/employees\.csv$/.exec(req.url!);
    const data = m && datasets.get(decodeURIComponent(m[1]));
    if (!m || !data) return void res.writeHead(404).end();
    const expected = `Basic ${Buffer.from(`${data.username}:${data.password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="hr"' }).end();
    if (misbehave(data.mode, res)) return;
    fake.downloads++;
    const lines = [csvLine(SAEBYEOK_HEADER), ...data.employees.map((e, i) => csvLine(toSaebyeokRow(e, i))), ...data.rawLines];
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
    res.end('\ufeff' + lines.join('\r\n') + '\r\n');
  });
  return Object.assign(fake, server, {
    baseUrl: (tenant: string) => `${server.url}/t/${encodeURIComponent(tenant)}`,
    dataset(tenant: string, username: string, password: string) {
      let data = datasets.get(tenant);
      if (!data) datasets.set(tenant, (data = { username, password, employees: [], rawLines: [], mode: 'ok' as GatewayMode }));
      return data;
    },
  });
}
