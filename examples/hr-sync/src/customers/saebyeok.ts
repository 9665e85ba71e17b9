/**
 * Saebyeok Logistics: a nightly CSV export from their HR package, behind HTTP Basic auth.
 *   GET {base}/hr/export/employees.csv
 * UTF-8 with BOM, Korean column names, status codes 1/2/3, dates as YYYYMMDD or YYYY.MM.DD.
 */
import type { Employee, EmploymentStatus, RejectedRow } from '../core/employee';
import type { CustomerModule } from './support/customer-module';
import { parseCsv } from './support/csv';
import { fetchGateway, GatewayError, readBody } from './support/http';
import { calendarDate, email, required, RowRejected } from './support/rows';

const COLUMNS = {
  employeeNo: '사번',
  name: '성명',
  email: '이메일',
  departmentCode: '부서코드',
  jobTitle: '직위',
  status: '재직구분',
  hiredOn: '입사일자',
} as const;

/** 재직 (employed), 휴직 (on leave), 퇴직 (retired). */
const STATUSES: Record<string, EmploymentStatus> = { '1': 'ACTIVE', '2': 'ON_LEAVE', '3': 'RETIRED' };

type Column = keyof typeof COLUMNS;

export const saebyeok: CustomerModule = ({ baseUrl, credentials, timeoutMs }) => ({
  async fetchEmployees() {
    const url = `${baseUrl}/hr/export/employees.csv`;
    const authorization = `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password ?? ''}`).toString('base64')}`;
    const response = await fetchGateway(url, { headers: { authorization, accept: 'text/csv' } }, timeoutMs);
    let records;
    try {
      records = parseCsv(await readBody(response, url, timeoutMs));
    } catch (err) {
      if (err instanceof SyntaxError) throw new GatewayError(`Saebyeok export is not valid CSV: ${err.message}`);
      throw err;
    }
    if (records.length === 0) throw new GatewayError('Saebyeok export is empty (not even a header line)');
    const [header, ...rows] = records;
    const index = columnIndex(header.fields);
    const employees: Employee[] = [];
    const rejected: RejectedRow[] = [];
    for (const row of rows) {
      const cell = (column: Column) => row.fields[index[column]];
      try {
        if (row.fields.length !== header.fields.length) throw new RowRejected(`${row.fields.length} fields, the header has ${header.fields.length}`);
        employees.push(toEmployee(cell));
      } catch (err) {
        if (!(err instanceof RowRejected)) throw err;
        rejected.push({ position: `line ${row.line}`, employeeNo: cell('employeeNo')?.trim() || undefined, reason: err.message });
      }
    }
    return { employees, rejected };
  },
});

function columnIndex(header: string[]): Record<Column, number> {
  const names = header.map((h) => h.trim());
  const entries = Object.entries(COLUMNS).map(([column, name]) => [column, names.indexOf(name)] as const);
  const missing = entries.filter(([, i]) => i < 0).map(([column]) => COLUMNS[column as Column]);
  if (missing.length > 0) throw new GatewayError(`Saebyeok export lacks column(s) ${missing.join(', ')}`);
  return Object.fromEntries(entries) as Record<Column, number>;
}

function toEmployee(cell: (column: Column) => string | undefined): Employee {
  const code = cell('status')?.trim() ?? '';
  const status = STATUSES[code];
  if (!status) throw new RowRejected(`unknown ${COLUMNS.status} code "${code}"`);
  return {
    employeeNo: required(cell('employeeNo'), COLUMNS.employeeNo),
    name: required(cell('name'), COLUMNS.name),
    email: email(cell('email'), COLUMNS.email),
    departmentCode: required(cell('departmentCode'), COLUMNS.departmentCode),
    jobTitle: required(cell('jobTitle'), COLUMNS.jobTitle),
    status,
    hiredOn: hireDate(required(cell('hiredOn'), COLUMNS.hiredOn)),
  };
}

function hireDate(text: string): string {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(text);
  if (!m) throw new RowRejected(`${COLUMNS.hiredOn} "${text}" is neither YYYYMMDD nor YYYY.MM.DD`);
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
}
