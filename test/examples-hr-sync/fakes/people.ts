/** Synthetic employees in the core shape, and what each customer's gateway makes of them. */
import type { Employee } from '../../../examples/hr-sync/src/core/employee';

const SURNAMES = ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim'];
const GIVEN = ['Minjun', 'Seoyeon', 'Jiho', 'Hayoon', 'Doyun', 'Jiwoo', 'Eunwoo', 'Sua', 'Siwoo', 'Jia'];
const TITLES = ['Staff', 'Senior', 'Manager', 'Director'];

export function makeEmployees(prefix: string, count: number): Employee[] {
  return Array.from({ length: count }, (_, i) => ({
    employeeNo: `${prefix}${String(i + 1).padStart(5, '0')}`,
    name: `${SURNAMES[i % 10]} ${GIVEN[Math.floor(i / 10) % 10]}`,
    email: `${prefix.toLowerCase()}${i + 1}@example.com`,
    departmentCode: `D${100 + (i % 12)}`,
    jobTitle: TITLES[i % TITLES.length],
    status: i % 50 === 7 ? 'ON_LEAVE' : 'ACTIVE',
    hiredOn: `20${String(10 + (i % 14)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
}

const HANBIT_STATUS = { ACTIVE: 'EMPLOYED', ON_LEAVE: 'LEAVE', RETIRED: 'RESIGNED' } as const;

export function toHanbitItem(e: Employee): Record<string, unknown> {
  return {
    empId: e.employeeNo,
    fullName: e.name,
    mail: e.email.toUpperCase(), // Hanbit stores addresses as typed; the adapter normalises them
    dept: { code: e.departmentCode, name: `Department ${e.departmentCode}` },
    title: e.jobTitle,
    employmentStatus: HANBIT_STATUS[e.status],
    hireDate: `${e.hiredOn}T00:00:00+09:00`,
  };
}

export const SAEBYEOK_HEADER = ['사번', '성명', '이메일', '부서코드', '직위', '재직구분', '입사일자'];
const SAEBYEOK_STATUS = { ACTIVE: '1', ON_LEAVE: '2', RETIRED: '3' } as const;

export function toSaebyeokRow(e: Employee, index: number): string[] {
  const [y, m, d] = e.hiredOn.split('-');
  // Their export mixes two date styles depending on who keyed the record in.
  const date = index % 2 === 0 ? `${y}${m}${d}` : `${y}.${m}.${d}`;
  return [e.employeeNo, e.name, e.email, e.departmentCode, e.jobTitle, SAEBYEOK_STATUS[e.status], date];
}

export function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
