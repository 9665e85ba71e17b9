/**
 * The run summary as an Office 365 connector MessageCard, the payload Teams incoming webhooks
 * accept ("Create and send messages", Microsoft Learn: Teams incoming webhooks). One section per
 * tenant with its counts; failures and rejected rows are named, stack traces never are.
 */
import type { RunNotifier } from '../core/ports';
import type { RunReport, TenantResult } from '../core/report';

const COLOR_OK = '2EB886';
const COLOR_FAILED = 'D93F0B';
const COLOR_WARNING = 'F2C744';
const TIMEOUT_MS = 10_000;

export function teamsNotifier(webhookUrl: string): RunNotifier {
  return {
    async publish(report) {
      if (!webhookUrl) throw new Error('TEAMS_WEBHOOK_URL is not set but notification is enabled');
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageCard(report)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`Teams webhook answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    },
  };
}

export function messageCard(report: RunReport) {
  const failed = report.tenants.filter((t) => t.outcome === 'failed').length;
  const withRejections = report.tenants.filter((t) => t.outcome === 'synced-with-rejections').length;
  const summary = `HR sync (CMS ${report.cmsEnv}): ${report.tenants.length - failed} of ${report.tenants.length} tenant(s) synced${failed ? `, ${failed} failed` : ''}`;
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    themeColor: failed ? COLOR_FAILED : withRejections ? COLOR_WARNING : COLOR_OK,
    summary,
    title: summary,
    text: `Run started ${report.startedAt}, took ${(report.durationMs / 1000).toFixed(1)} s.`,
    sections: report.tenants.map(tenantSection),
  };
}

function tenantSection(t: TenantResult) {
  const facts = [
    { name: 'Outcome', value: t.outcome },
    { name: 'Created', value: String(t.created) },
    { name: 'Updated', value: String(t.updated) },
    { name: 'Deleted', value: String(t.deleted) },
    { name: 'Unchanged', value: String(t.unchanged) },
    { name: 'Rejected rows', value: String(t.rejected.length) },
    { name: 'Failed writes', value: String(t.writeFailures.length) },
  ];
  if (t.failure) facts.push({ name: 'Error', value: t.failure.message });
  return { activityTitle: `${t.tenant} (gateway ${t.gatewayEnv})`, facts };
}
