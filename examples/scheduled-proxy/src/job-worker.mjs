/**
 * The consumer of long jobs (BatchSize 1): one message, one job. The handler returns — and the
 * poller deletes the message — only after the job is done and its report handed to the notifier;
 * any earlier failure leaves the message to come back after the visibility timeout. A job already
 * in the ledger is acknowledged without running again.
 */
import { serviceBaseUrl } from './lib/service-registry.mjs';
import { startJob, waitForJob } from './lib/async-job.mjs';
import { parseTenantReport } from './lib/tenant-report.mjs';
import { callFailedReport, tenantsReport } from './lib/run-report.mjs';
import { ServiceCallError } from './lib/service-call.mjs';
import { dispatchReport } from './lib/notify.mjs';
import { isJobDone, recordJobDone } from './lib/job-ledger.mjs';

const DEFAULT_POLL_INTERVAL_MS = 15_000;

export const handler = async (event, context) => {
  for (const record of event.Records) await runJob(JSON.parse(record.body), record, context);
};

async function runJob(message, record, context) {
  const receiveCount = record.attributes?.ApproximateReceiveCount ?? '1';
  if (await isJobDone(message.key)) {
    console.log(`job ${message.key} already done; acknowledging delivery ${receiveCount} without running it again`);
    return;
  }
  console.log(`job ${message.key}: ${message.label} (delivery ${receiveCount})`);
  const job = { label: message.label, service: message.service, method: message.method, url: message.url, key: message.key, scheduledTime: message.scheduledTime };
  const startedAt = Date.now();
  const report = await outcome(message, job, startedAt, context);
  console.log(`report ${JSON.stringify(report)}`);
  await dispatchReport(report);
  await recordJobDone(message.key, report);
}

/** Resolves to the report; throws (so the message comes back) only for what a retry can fix. */
async function outcome(message, job, startedAt, context) {
  const failed = (error) => callFailedReport(job, { startedAt, finishedAt: Date.now() }, error);
  let statusUrl;
  try {
    statusUrl = await startJob(serviceBaseUrl(message.service), message);
  } catch (error) {
    // A 4xx will not get better by retrying; 5xx, timeouts and network errors may.
    if (error instanceof ServiceCallError && error.status >= 400 && error.status < 500) return failed(error);
    if (error?.constructor?.name === 'UnknownServiceError') return failed(Object.assign(error, { kind: 'unknown-service' }));
    throw error;
  }
  const intervalMs = Number(process.env.JOB_POLL_INTERVAL_MS) || DEFAULT_POLL_INTERVAL_MS;
  const result = await waitForJob(statusUrl, { intervalMs, remainingMs: () => context.getRemainingTimeInMillis() });
  if (!result.ok) return failed(Object.assign(new Error(result.error), { kind: 'job-failed' }));
  try {
    return tenantsReport(job, { startedAt, finishedAt: Date.now() }, parseTenantReport(result.text));
  } catch (error) {
    return failed(Object.assign(error, { kind: 'malformed-body' }));
  }
}
