/**
 * POSTs a card to a Teams webhook. Anything but a 2xx, a timeout, or Teams' "delivery failed"
 * text (which legacy connectors answer with status 200) is an error, so the notifier's invocation
 * fails and Lambda retries it.
 */
import { excerpt } from './trim.mjs';

export class WebhookError extends Error {}

export async function postWebhook(url, payload, timeoutMs) {
  let response;
  let text;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    throw new WebhookError(`webhook unreachable: ${error?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : error?.cause?.code ?? error?.message}`);
  }
  if (response.status < 200 || response.status > 299) throw new WebhookError(`webhook answered HTTP ${response.status}: ${excerpt(text)}`);
  if (/webhook message delivery failed/i.test(text)) throw new WebhookError(`webhook refused the card: ${excerpt(text)}`);
  return response.status;
}
