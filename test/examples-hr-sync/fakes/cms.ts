/**
 * Fake CMS internal API with state: it keeps each tenant's employees and records every write, so
 * tests can assert on exactly what the sync sent. Validates like a strict server would: a PATCH
 * may only carry known mutable fields, a POST must be complete and new.
 */
import type { Employee } from '../../../examples/hr-sync/src/core/employee';
import { MUTABLE_FIELDS } from '../../../examples/hr-sync/src/core/employee';
import { startServer, sendJson, type FakeServer } from './server';

export interface CmsWrite {
  method: 'POST' | 'PATCH' | 'DELETE';
  tenant: string;
  employeeNo: string;
  body?: Record<string, unknown>;
}

export interface FakeCms extends FakeServer {
  tenant(name: string): Map<string, Employee>;
  writes: CmsWrite[];
  reads: number;
  /** Writes for these employee numbers answer 500. */
  failingEmployees: Set<string>;
}

const FIELDS = ['employeeNo', ...MUTABLE_FIELDS];

export async function startFakeCms(): Promise<FakeCms> {
  const tenants = new Map<string, Map<string, Employee>>();
  const tenant = (name: string) => {
    let t = tenants.get(name);
    if (!t) tenants.set(name, (t = new Map()));
    return t;
  };
  const fake = { writes: [] as CmsWrite[], reads: 0, failingEmployees: new Set<string>(), tenant } as FakeCms;
  const server = await startServer((req, res, raw) => {
    const m = /^\/internal\/v1\/tenants\/([^/]+)\/employees(?:\/([^/]+))?$/.exec(req.url!);
    if (!m) return sendJson(res, 404, { error: 'no such route' });
    const name = decodeURIComponent(m[1]);
    const employees = tenant(name);
    const employeeNo = m[2] && decodeURIComponent(m[2]);
    if (req.method === 'GET' && !employeeNo) {
      fake.reads++;
      return sendJson(res, 200, { employees: [...employees.values()] });
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const key = employeeNo ?? String(body?.employeeNo);
    if (fake.failingEmployees.has(key)) return sendJson(res, 500, { error: `database error writing ${key}` });
    if (req.method === 'POST' && !employeeNo) {
      const missing = FIELDS.filter((f) => typeof body?.[f] !== 'string');
      if (missing.length) return sendJson(res, 400, { error: `missing ${missing.join(', ')}` });
      if (employees.has(key)) return sendJson(res, 409, { error: `${key} exists` });
      fake.writes.push({ method: 'POST', tenant: name, employeeNo: key, body });
      employees.set(key, body as unknown as Employee);
      return sendJson(res, 201, body);
    }
    if (!employeeNo || !employees.has(employeeNo)) return sendJson(res, 404, { error: `no employee ${employeeNo}` });
    if (req.method === 'PATCH') {
      const unknown = Object.keys(body ?? {}).filter((f) => !(MUTABLE_FIELDS as readonly string[]).includes(f));
      if (unknown.length || !body || Object.keys(body).length === 0) return sendJson(res, 400, { error: `bad patch ${raw}` });
      fake.writes.push({ method: 'PATCH', tenant: name, employeeNo, body });
      employees.set(employeeNo, { ...employees.get(employeeNo)!, ...body });
      return sendJson(res, 200, employees.get(employeeNo));
    }
    if (req.method === 'DELETE') {
      fake.writes.push({ method: 'DELETE', tenant: name, employeeNo });
      employees.delete(employeeNo);
      return void res.writeHead(204).end();
    }
    sendJson(res, 405, { error: 'method not allowed' });
  });
  return Object.assign(fake, server);
}
