/**
 * One scheduled run: every tenant synced in isolation (bounded concurrency), then the summary
 * to the notifier and failure mails to the mailer when notification is enabled.
 */
import type { Mailer, RunNotifier, TenantBinding, TenantContacts } from './ports';
import type { RunRequest } from './run-request';
import { needsAttention, type RunReport, type ServerEnv } from './report';
import { syncTenant } from './sync-tenant';
import { mapWithConcurrency } from './concurrency';
import { failureMails } from './failure-mails';

export interface SyncRunDeps {
  /** Resolves a tenant's source, CMS directory and contacts; throws for a tenant it does not know. */
  bindTenant(tenant: string, gatewayEnv: ServerEnv, cmsEnv: ServerEnv): TenantBinding;
  /** Contacts for the failure mail, also for tenants whose binding failed. */
  contactsOf(tenant: string): TenantContacts | undefined;
  notifier: RunNotifier;
  mailer: Mailer;
  developers: string[];
  tenantConcurrency: number;
  writeConcurrency: number;
}

export async function runSync(request: RunRequest, deps: SyncRunDeps): Promise<RunReport> {
  const started = Date.now();
  const tenants = await mapWithConcurrency(request.tenants, deps.tenantConcurrency, (t) =>
    syncTenant({ ...t, writeConcurrency: deps.writeConcurrency }, () => deps.bindTenant(t.tenant, t.gatewayEnv, request.cmsEnv)),
  );
  const report: RunReport = { cmsEnv: request.cmsEnv, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, tenants };
  if (request.notify) await notify(report, deps);
  return report;
}

/** Both channels are attempted even if one fails; the first error is rethrown afterwards. */
async function notify(report: RunReport, deps: SyncRunDeps): Promise<void> {
  const mails = report.tenants.filter(needsAttention).flatMap((r) => failureMails(report, r, deps.developers, deps.contactsOf(r.tenant)));
  const outcomes = await Promise.allSettled([deps.notifier.publish(report), mails.length > 0 ? deps.mailer.send(mails) : Promise.resolve()]);
  const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (rejected) throw rejected.reason;
}
