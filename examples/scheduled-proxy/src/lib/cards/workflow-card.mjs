/**
 * The failure post for the group chat's Teams "workflow" (Power Automate "When a Teams webhook
 * request is received"), which takes a message with Adaptive Card attachments
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).
 * Each failed tenant gets its name and a trimmed stack trace; the card stays under Teams' 28 KB.
 */
import { trimStackTrace } from '../trim.mjs';

export const MAX_CARD_BYTES = 24 * 1024; // below Teams' ~28 KB message limit, with room for the envelope
const CARD_TRACE = { maxLines: 8, maxChars: 1200 };

export function workflowMessage(report) {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: adaptiveCard(report) }],
  };
}

function adaptiveCard(report) {
  const body = [
    { type: 'TextBlock', size: 'Large', weight: 'Bolder', wrap: true, color: 'Attention', text: `[${report.stage}] Scheduled job failed: ${report.job.label}` },
    { type: 'FactSet', facts: headerFacts(report) },
  ];
  if (report.outcome === 'call-failed') body.push(traceBlock(report.error.stackTrace));
  appendTenants(body, report);
  return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', msteams: { width: 'Full' }, body };
}

function headerFacts(report) {
  const facts = [
    { title: 'Started', value: report.startedAt },
    { title: 'Duration', value: `${(report.durationMs / 1000).toFixed(1)} s` },
  ];
  if (report.job.key) facts.push({ title: 'Job key', value: report.job.key });
  if (report.outcome === 'call-failed') facts.push({ title: 'Error', value: `${report.error.kind}: ${report.error.message}` });
  else facts.push({ title: 'Failed tenants', value: String(report.failCount) }, { title: 'Succeeded tenants', value: String(report.successTenants.length) });
  return facts;
}

/** Adds tenants while the card fits, then says how many were left out. */
function appendTenants(body, report) {
  const details = report.failDetails;
  let shown = 0;
  for (const detail of details) {
    const blocks = [
      { type: 'TextBlock', weight: 'Bolder', wrap: true, spacing: 'Medium', text: `Tenant: ${detail.tenant}` },
      traceBlock(detail.stackTrace || '(no stack trace given)'),
    ];
    if (JSON.stringify([...body, ...blocks]).length > MAX_CARD_BYTES) break;
    body.push(...blocks);
    shown++;
  }
  const left = details.length - shown + (report.omittedFailDetails ?? 0);
  if (left > 0) body.push({ type: 'TextBlock', wrap: true, isSubtle: true, text: `… and ${left} more failed tenant${left === 1 ? '' : 's'} (full report in the function's logs)` });
}

function traceBlock(trace) {
  return { type: 'TextBlock', wrap: true, fontType: 'Monospace', size: 'Small', text: trimStackTrace(trace, CARD_TRACE) };
}
