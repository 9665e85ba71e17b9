/**
 * Failure mails for one tenant: developers get everything including stack traces, so they can
 * act at once; business and customer contacts get what failed and which rows to fix, never
 * internals (stack traces name our code and hosts).
 */
import type { OutgoingMail, TenantContacts } from './ports';
import type { RunReport, TenantResult } from './report';
import type { RejectedRow } from './employee';

/** A mail with thousands of rejected rows helps nobody; the rest is counted. */
export const MAX_ROWS_LISTED = 50;

export function failureMails(report: RunReport, result: TenantResult, developers: string[], contacts?: TenantContacts): OutgoingMail[] {
  const subject = `[HR sync][${report.cmsEnv}] ${result.tenant}: ${result.outcome === 'failed' ? 'sync failed' : 'rows rejected'}`;
  const mails: OutgoingMail[] = [];
  if (developers.length > 0) mails.push({ to: developers, subject, text: developerText(report, result) });
  const people = unique([...(contacts?.business ?? []), ...(contacts?.customer ?? [])]);
  if (people.length > 0) mails.push({ to: people, subject, text: contactText(report, result) });
  return mails;
}

function developerText(report: RunReport, result: TenantResult): string {
  const lines = [...header(report, result)];
  if (result.failure) lines.push('', `Error: ${result.failure.message}`, '', 'Stack trace:', result.failure.stack ?? '(none)');
  for (const w of result.writeFailures.slice(0, MAX_ROWS_LISTED)) {
    lines.push('', `CMS ${w.action} of ${w.employeeNo} failed: ${w.message}`, w.stack ?? '');
  }
  lines.push(...rejectedRows(result.rejected));
  return lines.join('\n');
}

function contactText(report: RunReport, result: TenantResult): string {
  const lines = [...header(report, result)];
  if (result.failure) lines.push('', `The employee data could not be synchronised: ${result.failure.message}`);
  if (result.writeFailures.length > 0) lines.push('', `${result.writeFailures.length} change(s) could not be saved; the development team has the details.`);
  lines.push(...rejectedRows(result.rejected));
  lines.push('', 'The development team has been notified. Nothing needs to be done unless rows are listed above.');
  return lines.join('\n');
}

function header(report: RunReport, result: TenantResult): string[] {
  return [
    `Tenant: ${result.tenant}`,
    `Environment: CMS ${report.cmsEnv}, customer gateway ${result.gatewayEnv}`,
    `Run started: ${report.startedAt}`,
    `Created ${result.created}, updated ${result.updated}, deleted ${result.deleted}, unchanged ${result.unchanged}, rejected ${result.rejected.length}`,
  ];
}

function rejectedRows(rows: RejectedRow[]): string[] {
  if (rows.length === 0) return [];
  const listed = rows.slice(0, MAX_ROWS_LISTED).map((r) => `- ${r.position}${r.employeeNo ? ` (employee ${r.employeeNo})` : ''}: ${r.reason}`);
  const more = rows.length > MAX_ROWS_LISTED ? [`… and ${rows.length - MAX_ROWS_LISTED} more`] : [];
  return ['', `Rows that could not be read (${rows.length}); these employees were left unchanged:`, ...listed, ...more];
}

function unique(addresses: string[]): string[] {
  return [...new Set(addresses.map((a) => a.trim()).filter(Boolean))];
}
