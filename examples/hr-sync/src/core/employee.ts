/**
 * The employee as the CMS keeps it: the one model every customer's data is converted into.
 * Customers differ in field names, codes and date formats; the core sees only this shape.
 */
export type EmploymentStatus = 'ACTIVE' | 'ON_LEAVE' | 'RETIRED';

export interface Employee {
  /** The key the diff matches on: unique per tenant, never reused. */
  employeeNo: string;
  name: string;
  email: string;
  departmentCode: string;
  jobTitle: string;
  status: EmploymentStatus;
  /** ISO calendar date, YYYY-MM-DD. */
  hiredOn: string;
}

/** The fields that may change; `employeeNo` identifies the employee and is never "updated". */
export const MUTABLE_FIELDS = ['name', 'email', 'departmentCode', 'jobTitle', 'status', 'hiredOn'] as const;
export type MutableField = (typeof MUTABLE_FIELDS)[number];
export type EmployeeChanges = Partial<Pick<Employee, MutableField>>;

/** Only the fields whose values differ, so the CMS receives (and audits) just what changed. */
export function changedFields(current: Employee, wanted: Employee): EmployeeChanges {
  const changes: EmployeeChanges = {};
  for (const field of MUTABLE_FIELDS) {
    if (current[field] !== wanted[field]) (changes as Record<string, string>)[field] = wanted[field];
  }
  return changes;
}

/** A source row that could not become an Employee: reported to people, never silently dropped. */
export interface RejectedRow {
  /** Where the row was found, in the customer's own terms (e.g. "page 2, item 17" or "line 41"). */
  position: string;
  /** Set when the row's employee number was readable: that employee is then left untouched. */
  employeeNo?: string;
  reason: string;
}

/** What one customer's gateway yielded: the employees it could convert and the rows it could not. */
export interface SourceSnapshot {
  employees: Employee[];
  rejected: RejectedRow[];
}
