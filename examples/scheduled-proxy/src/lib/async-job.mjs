/**
 * The service side of a long job, as the worker sees it (HTTP asynchronous request-reply): the job
 * request carries `Idempotency-Key` and `Prefer: respond-async`; the service answers 202 with a
 * `Location` to poll, and starts the job only the first time it sees the key. Every request is
 * short, so no connection ever waits on the job and the load balancer's idle timeout never applies.
 * Polling answers {"status":"running"}, {"status":"succeeded","contents":{…tenant report}} or
 * {"status":"failed","error":"…"}.
 */
import { callService, ServiceCallError } from './service-call.mjs';
import { excerpt } from './trim.mjs';

export const MAX_CONSECUTIVE_POLL_ERRORS = 3;
const REQUEST_TIMEOUT_MS = 10_000;

export class JobStillRunning extends Error {}

/** Starts the job or attaches to the run already started under this key; returns the status URL. */
export async function startJob(baseUrl, message) {
  const headers = { ...message.headers, 'Idempotency-Key': message.key, Prefer: 'respond-async' };
  const response = await callService(`${baseUrl}${message.url}`, { method: message.method, headers, body: message.body, timeoutMs: REQUEST_TIMEOUT_MS });
  const location = response.headers.get('location');
  if (response.status !== 202 || !location) throw new ServiceCallError('protocol', `expected 202 with a Location, got HTTP ${response.status}: ${excerpt(response.text)}`);
  return new URL(location, baseUrl).toString();
}

/**
 * Polls until the job ends. Gives up (JobStillRunning) before the function's own timeout, so the
 * message comes back and the next delivery attaches to the same run.
 */
export async function waitForJob(statusUrl, { intervalMs, remainingMs }) {
  let errors = 0;
  for (;;) {
    try {
      const response = await callService(statusUrl, { method: 'GET', timeoutMs: REQUEST_TIMEOUT_MS });
      errors = 0;
      const status = JSON.parse(response.text);
      if (status.status === 'succeeded') return { ok: true, text: response.text };
      if (status.status === 'failed') return { ok: false, error: String(status.error ?? 'the service reported the job as failed') };
    } catch (error) {
      if (++errors >= MAX_CONSECUTIVE_POLL_ERRORS) throw error;
      console.warn(`poll ${statusUrl} failed (${errors}/${MAX_CONSECUTIVE_POLL_ERRORS}): ${error.message}`);
    }
    if (remainingMs() < intervalMs + REQUEST_TIMEOUT_MS) throw new JobStillRunning(`job at ${statusUrl} still running; leaving it to the next delivery`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
