/**
 * The CMS internal API, one tenant at a time:
 *   GET    {base}/internal/v1/tenants/{tenant}/employees          → {"employees":[Employee…]}
 *   POST   {base}/internal/v1/tenants/{tenant}/employees          ← Employee
 *   PATCH  {base}/internal/v1/tenants/{tenant}/employees/{no}     ← only the changed fields
 *   DELETE {base}/internal/v1/tenants/{tenant}/employees/{no}
 */
import type { Employee, EmployeeChanges } from '../core/employee';
import type { EmployeeDirectory } from '../core/ports';

export class CmsError extends Error {
  override name = 'CmsError';
}

export function cmsDirectory(baseUrl: string, tenant: string, timeoutMs: number): EmployeeDirectory {
  const collection = `${baseUrl}/internal/v1/tenants/${encodeURIComponent(tenant)}/employees`;
  const one = (employeeNo: string) => `${collection}/${encodeURIComponent(employeeNo)}`;
  const call = async (method: string, url: string, body?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new CmsError(`CMS ${method} ${url}: ${(err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err as Error).message}`, { cause: err });
    }
    if (!response.ok) throw new CmsError(`CMS ${method} ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return response;
  };
  return {
    async list() {
      const body = (await (await call('GET', collection)).json()) as { employees?: Employee[] };
      if (!Array.isArray(body.employees)) throw new CmsError(`CMS GET ${collection}: no employees array`);
      return body.employees;
    },
    async create(employee: Employee) {
      await (await call('POST', collection, employee)).arrayBuffer();
    },
    async update(employeeNo: string, changes: EmployeeChanges) {
      await (await call('PATCH', one(employeeNo), changes)).arrayBuffer();
    },
    async remove(employeeNo: string) {
      await (await call('DELETE', one(employeeNo))).arrayBuffer();
    },
  };
}
