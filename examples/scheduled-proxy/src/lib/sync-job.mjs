/**
 * The seed's original flow: call the service over HTTP and wait for its tenant report.
 */
import { jobLabel } from './job-spec.mjs';
import { serviceBaseUrl } from './service-registry.mjs';
import { callService } from './service-call.mjs';
import { parseTenantReport } from './tenant-report.mjs';
import { callFailedReport, tenantsReport } from './run-report.mjs';

/** Always resolves to a report: a failed call is a result to notify, not an exception. */
export async function runSyncJob(spec, { timeoutMs, now = Date.now }) {
  const job = { label: jobLabel(spec), service: spec.service, method: spec.method, url: spec.url };
  const startedAt = now();
  try {
    const baseUrl = serviceBaseUrl(spec.service);
    const response = await callService(`${baseUrl}${spec.url}`, { method: spec.method, headers: spec.headers, body: spec.body, timeoutMs });
    const tenants = parseTenantReport(response.text);
    return tenantsReport(job, { startedAt, finishedAt: now() }, tenants);
  } catch (error) {
    return callFailedReport(job, { startedAt, finishedAt: now() }, classify(error));
  }
}

function classify(error) {
  if (error?.kind) return error;
  const kind = { MalformedReportError: 'malformed-body', UnknownServiceError: 'unknown-service' }[error?.constructor?.name] ?? 'error';
  return Object.assign(error instanceof Error ? error : new Error(String(error)), { kind });
}
