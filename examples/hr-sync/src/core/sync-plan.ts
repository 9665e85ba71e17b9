/**
 * The diff by employee number: what the CMS must create, update and delete so that it matches
 * the customer's data. Employees whose source row was rejected are left as they are, because
 * an unreadable row is not evidence that the employee left.
 */
import { changedFields, type Employee, type EmployeeChanges } from './employee';

export interface SyncPlan {
  creates: Employee[];
  updates: { employeeNo: string; changes: EmployeeChanges }[];
  deletes: string[];
  unchanged: number;
}

export function planSync(source: Employee[], cms: Employee[], untouchable: ReadonlySet<string> = new Set()): SyncPlan {
  const inCms = new Map(cms.map((e) => [e.employeeNo, e]));
  const inSource = new Set(source.map((e) => e.employeeNo));
  const plan: SyncPlan = { creates: [], updates: [], deletes: [], unchanged: 0 };
  for (const wanted of source) {
    if (untouchable.has(wanted.employeeNo)) continue;
    const current = inCms.get(wanted.employeeNo);
    if (!current) {
      plan.creates.push(wanted);
      continue;
    }
    const changes = changedFields(current, wanted);
    if (Object.keys(changes).length === 0) plan.unchanged++;
    else plan.updates.push({ employeeNo: wanted.employeeNo, changes });
  }
  for (const employeeNo of inCms.keys()) {
    if (!inSource.has(employeeNo) && !untouchable.has(employeeNo)) plan.deletes.push(employeeNo);
  }
  return plan;
}

/** Two rows with one employee number would make the diff ambiguous: both are rejected. */
export function findDuplicateNumbers(employees: Employee[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { employeeNo } of employees) {
    if (seen.has(employeeNo)) duplicates.add(employeeNo);
    seen.add(employeeNo);
  }
  return duplicates;
}
