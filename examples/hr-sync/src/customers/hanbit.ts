/**
 * Hanbit Electronics: a paginated JSON REST API behind an API key.
 *   GET {base}/api/v2/employees?page=N&size=200   X-Api-Key: …
 *   → {"items":[{"empId","fullName","mail","dept":{"code"},"title","employmentStatus","hireDate"}],
 *      "page":{"number":N,"totalPages":T}}
 * employmentStatus: EMPLOYED | LEAVE | RESIGNED; hireDate: ISO date-time with the office's offset.
 */
import type { Employee, EmploymentStatus, RejectedRow } from '../core/employee';
import type { CustomerModule } from './support/customer-module';
import { fetchGateway, GatewayError, readBody } from './support/http';
import { calendarDate, email, required, RowRejected } from './support/rows';

const PAGE_SIZE = 200;
/** A gateway that keeps announcing more pages must not keep us until the function times out. */
const MAX_PAGES = 500;

const STATUSES: Record<string, EmploymentStatus> = { EMPLOYED: 'ACTIVE', LEAVE: 'ON_LEAVE', RESIGNED: 'RETIRED' };

interface HanbitPage {
  items: unknown[];
  page: { number: number; totalPages: number };
}

export const hanbit: CustomerModule = ({ baseUrl, credentials, timeoutMs }) => ({
  async fetchEmployees() {
    const employees: Employee[] = [];
    const rejected: RejectedRow[] = [];
    for (let page = 1, totalPages = 1; page <= totalPages; page++) {
      const body = await fetchPage(`${baseUrl}/api/v2/employees?page=${page}&size=${PAGE_SIZE}`, credentials.apiKey, timeoutMs);
      totalPages = Math.min(body.page.totalPages, MAX_PAGES);
      body.items.forEach((item, i) => {
        try {
          employees.push(toEmployee(item));
        } catch (err) {
          if (!(err instanceof RowRejected)) throw err;
          rejected.push({ position: `page ${page}, item ${i + 1}`, employeeNo: employeeNoOf(item), reason: err.message });
        }
      });
    }
    return { employees, rejected };
  },
});

async function fetchPage(url: string, apiKey: string | undefined, timeoutMs: number): Promise<HanbitPage> {
  if (!apiKey) throw new GatewayError('Hanbit gateway: no apiKey in the tenant directory');
  const response = await fetchGateway(url, { headers: { 'x-api-key': apiKey, accept: 'application/json' } }, timeoutMs);
  const text = await readBody(response, url, timeoutMs);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new GatewayError(`Hanbit gateway: page is not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
  }
  const page = body as HanbitPage;
  if (!Array.isArray(page?.items) || !Number.isInteger(page?.page?.totalPages)) {
    throw new GatewayError('Hanbit gateway: page has no items array or page.totalPages');
  }
  return page;
}

function toEmployee(item: unknown): Employee {
  if (typeof item !== 'object' || item === null) throw new RowRejected('item is not an object');
  const row = item as Record<string, any>;
  const status = STATUSES[row.employmentStatus];
  if (!status) throw new RowRejected(`unknown employmentStatus ${JSON.stringify(row.employmentStatus)}`);
  return {
    employeeNo: required(row.empId, 'empId'),
    name: required(row.fullName, 'fullName'),
    email: email(row.mail, 'mail'),
    departmentCode: required(row.dept?.code, 'dept.code'),
    jobTitle: required(row.title, 'title'),
    status,
    hiredOn: hireDate(row.hireDate),
  };
}

/** The date as written in the office's own time zone: "2021-03-02T00:00:00+09:00" is 2 March. */
function hireDate(value: unknown): string {
  const text = required(value, 'hireDate');
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) throw new RowRejected(`hireDate "${text}" is not an ISO date`);
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
}

function employeeNoOf(item: unknown): string | undefined {
  const id = (item as { empId?: unknown } | null)?.empId;
  return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}
