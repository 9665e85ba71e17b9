/**
 * The ports the sync use case depends on. Adapters (customer gateways, the CMS internal API,
 * Teams, the mail queue) implement them; the core imports nothing but its own modules.
 */
import type { Employee, EmployeeChanges, SourceSnapshot } from './employee';
import type { RunReport } from './report';

/** One customer's HR gateway: fetches and converts, nothing more. */
export interface CustomerSource {
  fetchEmployees(): Promise<SourceSnapshot>;
}

/** The CMS internal API, scoped to one tenant. */
export interface EmployeeDirectory {
  list(): Promise<Employee[]>;
  create(employee: Employee): Promise<void>;
  update(employeeNo: string, changes: EmployeeChanges): Promise<void>;
  remove(employeeNo: string): Promise<void>;
}

/** Where each run's summary goes (an MS Teams channel in production). */
export interface RunNotifier {
  publish(report: RunReport): Promise<void>;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

/** Hands mail to the delivery pipeline (a queue and a mail function in production). */
export interface Mailer {
  send(mails: OutgoingMail[]): Promise<void>;
}

/** People to tell when a tenant's sync fails. */
export interface TenantContacts {
  business: string[];
  customer: string[];
}

/** What the use case needs to know about one tenant, resolved by the composition root. */
export interface TenantBinding {
  source: CustomerSource;
  directory: EmployeeDirectory;
  contacts: TenantContacts;
}
