/**
 * The summary posted to the Teams channel's incoming webhook after every run, as a connector
 * MessageCard (https://learn.microsoft.com/en-us/outlook/actionable-messages/message-card-reference).
 * Teams rejects a card without `summary` or `text`.
 */
const COLOURS = { succeeded: '2EB886', 'tenants-failed': 'F2A900', 'call-failed': 'D93F0B' };
const OUTCOME_TEXT = { succeeded: 'Succeeded', 'tenants-failed': 'Some tenants failed', 'call-failed': 'The call failed' };
const MAX_LISTED_TENANTS = 30;

export function summaryCard(report) {
  const title = `[${report.stage}] ${report.job.label}: ${OUTCOME_TEXT[report.outcome]}`;
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: title,
    themeColor: COLOURS[report.outcome],
    title,
    sections: [{ facts: facts(report), markdown: true }],
  };
}

function facts(report) {
  const list = [
    { name: 'Service', value: report.job.service },
    { name: 'Request', value: `${report.job.method} ${report.job.url}` },
  ];
  if (report.job.key) list.push({ name: 'Job key', value: report.job.key });
  list.push({ name: 'Started', value: report.startedAt }, { name: 'Duration', value: `${(report.durationMs / 1000).toFixed(1)} s` });
  if (report.outcome === 'call-failed') {
    list.push({ name: 'Error', value: report.error.message });
    return list;
  }
  list.push(
    { name: 'Succeeded tenants', value: tenantList(report.successTenants) },
    { name: 'Failed tenants', value: `${report.failCount}${report.failTenants.length ? `: ${tenantList(report.failTenants)}` : ''}` },
  );
  return list;
}

function tenantList(tenants) {
  if (tenants.length === 0) return 'none';
  const shown = tenants.slice(0, MAX_LISTED_TENANTS).join(', ');
  const more = tenants.length - MAX_LISTED_TENANTS;
  return more > 0 ? `${shown} and ${more} more (${tenants.length} in all)` : `${shown} (${tenants.length})`;
}
