/**
 * The run report: what happened to one scheduled job, in the shape the notifier renders. Failure
 * details are capped and their traces trimmed here, so the report always fits one asynchronous
 * Lambda invocation, however many tenants failed.
 */
import { trimStackTrace } from './trim.mjs';

export const MAX_FAIL_DETAILS = 50;
const REPORT_TRACE = { maxLines: 30, maxChars: 3000 };

/** A service answered with a tenant report (failCount may be > 0). */
export function tenantsReport(job, timing, tenants) {
  const details = tenants.failDetails.slice(0, MAX_FAIL_DETAILS).map((d) => ({ tenant: d.tenant, stackTrace: trimStackTrace(d.stackTrace, REPORT_TRACE) }));
  // A tenant listed as failed but without details still deserves a line in the workflow post.
  const detailed = new Set(details.map((d) => d.tenant));
  for (const tenant of tenants.failTenants) {
    if (details.length >= MAX_FAIL_DETAILS) break;
    if (!detailed.has(tenant)) details.push({ tenant, stackTrace: '' });
  }
  const failCount = Math.max(tenants.failCount, tenants.failTenants.length);
  return {
    ...base(job, timing),
    outcome: failCount > 0 ? 'tenants-failed' : 'succeeded',
    successTenants: tenants.successTenants,
    failTenants: tenants.failTenants,
    failCount,
    failDetails: details,
    omittedFailDetails: Math.max(0, Math.max(tenants.failDetails.length, tenants.failTenants.length) - details.length),
  };
}

/** The call itself failed: timeout, network error, non-2xx, malformed body, unknown service. */
export function callFailedReport(job, timing, error) {
  return {
    ...base(job, timing),
    outcome: 'call-failed',
    successTenants: [],
    failTenants: [],
    failCount: 0,
    failDetails: [],
    omittedFailDetails: 0,
    error: { kind: error.kind ?? 'error', message: error.message, stackTrace: trimStackTrace(error.stack, { maxLines: 8, maxChars: 1500 }) },
  };
}

/** The workflow (group chat) hears about a run only when something failed. */
export function needsWorkflowPost(report) {
  return report.outcome !== 'succeeded';
}

function base(job, timing) {
  return {
    stage: process.env.STAGE ?? 'unknown',
    job,
    startedAt: new Date(timing.startedAt).toISOString(),
    finishedAt: new Date(timing.finishedAt).toISOString(),
    durationMs: timing.finishedAt - timing.startedAt,
  };
}
