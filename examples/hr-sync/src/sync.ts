/**
 * The scheduled sync (EventBridge rule → this function). The rule's Input is the run request;
 * the handler wires the adapters to the core and returns the run report (also logged).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { parseRunRequest } from './core/run-request';
import { runSync } from './core/sync-run';
import { readSettings } from './config/settings';
import { bindTenant, contactsOf } from './config/bindings';
import { teamsNotifier } from './adapters/teams-webhook';
import { queueMailer } from './adapters/mail-queue';

const settings = readSettings(process.env);
const sqs = new SQSClient({});

export const handler = async (event: unknown) => {
  const request = parseRunRequest(event);
  const report = await runSync(request, {
    bindTenant: (tenant, gatewayEnv, cmsEnv) => bindTenant(settings, tenant, gatewayEnv, cmsEnv),
    contactsOf: (tenant) => contactsOf(settings, tenant),
    notifier: teamsNotifier(settings.teamsWebhookUrl),
    mailer: queueMailer(sqs, settings.mailQueueUrl),
    developers: settings.developers,
    tenantConcurrency: settings.tenantConcurrency,
    writeConcurrency: settings.writeConcurrency,
  });
  for (const t of report.tenants) {
    console.log(`tenant ${t.tenant}: ${t.outcome} created=${t.created} updated=${t.updated} deleted=${t.deleted} unchanged=${t.unchanged} rejected=${t.rejected.length} failedWrites=${t.writeFailures.length}${t.failure ? ` error=${t.failure.message}` : ''}`);
  }
  console.log(`run done: cmsEnv=${report.cmsEnv} tenants=${report.tenants.length} failed=${report.tenants.filter((t) => t.outcome === 'failed').length} durationMs=${report.durationMs}`);
  return summarize(report);
};

/** The return value stays small (async invocations discard it; `invoke` prints it). */
function summarize(report: Awaited<ReturnType<typeof runSync>>) {
  return {
    cmsEnv: report.cmsEnv,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    tenants: report.tenants.map(({ tenant, outcome, created, updated, deleted, unchanged, rejected, writeFailures, failure }) => ({
      tenant, outcome, created, updated, deleted, unchanged, rejected: rejected.length, failedWrites: writeFailures.length, error: failure?.message,
    })),
  };
}
