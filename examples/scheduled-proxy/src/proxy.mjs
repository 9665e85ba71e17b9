/**
 * The scheduling proxy (seed 001): each schedule's Input names a service and an HTTP call. Short
 * jobs are called and their tenant report is sent to the notifier; long jobs ("async": true) are
 * queued for the service's worker instead of being held open through the load balancer.
 */
import { readJobSpec, jobLabel } from './lib/job-spec.mjs';
import { runSyncJob } from './lib/sync-job.mjs';
import { enqueueJob } from './lib/job-queue.mjs';
import { dispatchReport } from './lib/notify.mjs';
import { callFailedReport } from './lib/run-report.mjs';

const DEFAULT_CALL_TIMEOUT_MS = 55_000;

export const handler = async (event) => {
  let spec;
  try {
    spec = readJobSpec(event);
  } catch (error) {
    // A broken schedule Input is a failed run to report, not an invocation to retry.
    return report(callFailedReport({ label: 'invalid schedule input', service: String(event?.service ?? '?'), method: '?', url: String(event?.url ?? '?') }, timing(), Object.assign(error, { kind: 'invalid-input' })));
  }
  if (spec.async) {
    const { key, messageId } = await enqueueJob(spec);
    console.log(`queued ${jobLabel(spec)} as job ${key} (message ${messageId})`);
    return { queued: key };
  }
  const timeoutMs = Number(process.env.SERVICE_CALL_TIMEOUT_MS) || DEFAULT_CALL_TIMEOUT_MS;
  return report(await runSyncJob(spec, { timeoutMs }));
};

async function report(runReport) {
  // The full report goes to the logs first: whatever happens to the webhooks, it is on record.
  console.log(`report ${JSON.stringify(runReport)}`);
  const channels = await dispatchReport(runReport);
  return { outcome: runReport.outcome, notified: channels };
}

function timing() {
  const now = Date.now();
  return { startedAt: now, finishedAt: now };
}
