/**
 * Posts one run report to one Teams channel: the summary card to the channel's incoming webhook,
 * or the failures to the group chat's workflow. Invoked asynchronously; throwing makes Lambda retry
 * (EventInvokeConfig), and after the last retry the event — the report — lands on the OnFailure
 * queue.
 */
import { summaryCard } from './lib/cards/message-card.mjs';
import { workflowMessage } from './lib/cards/workflow-card.mjs';
import { postWebhook } from './lib/webhook.mjs';

const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

const CHANNELS = {
  teams: { url: () => process.env.TEAMS_WEBHOOK_URL, render: summaryCard },
  workflow: { url: () => process.env.WORKFLOW_WEBHOOK_URL, render: workflowMessage },
};

export const handler = async (event) => {
  const channel = CHANNELS[event?.channel];
  if (!channel) throw new Error(`unknown channel "${event?.channel}"`);
  if (!event.report?.job) throw new Error('the event carries no report');
  const url = channel.url();
  if (!url) throw new Error(`no webhook URL configured for the ${event.channel} channel`);
  const status = await postWebhook(url, channel.render(event.report), Number(process.env.WEBHOOK_TIMEOUT_MS) || DEFAULT_WEBHOOK_TIMEOUT_MS);
  console.log(`posted ${event.report.outcome} report of ${event.report.job.label} to ${event.channel} (HTTP ${status})`);
  return { channel: event.channel, status };
};
