/**
 * The schedule's Input, as the seed defines it: {"service","url","method","headers","body"}.
 * Long jobs add "async": true and the EventBridge Scheduler context attributes
 * "scheduleArn": "<aws.scheduler.schedule-arn>", "scheduledTime": "<aws.scheduler.scheduled-time>"
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html),
 * from which the idempotency key is made.
 */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export class JobSpecError extends Error {}

/** @returns {{service: string, url: string, method: string, headers: Record<string,string>, body: unknown, async: boolean, scheduleArn?: string, scheduledTime?: string}} */
export function readJobSpec(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new JobSpecError('the schedule Input must be a JSON object');
  const service = requiredString(input, 'service');
  const url = requiredString(input, 'url');
  if (!url.startsWith('/')) throw new JobSpecError(`"url" must be a path starting with "/", got "${url}"`);
  const method = (input.method ?? 'POST').toString().toUpperCase();
  if (!METHODS.includes(method)) throw new JobSpecError(`"method" must be one of ${METHODS.join(', ')}, got "${input.method}"`);
  const headers = input.headers ?? {};
  if (typeof headers !== 'object' || Array.isArray(headers)) throw new JobSpecError('"headers" must be an object');
  const spec = { service, url, method, headers: stringValues(headers), body: input.body, async: input.async === true };
  if (spec.async) {
    spec.scheduleArn = requiredString(input, 'scheduleArn');
    spec.scheduledTime = requiredString(input, 'scheduledTime');
  }
  return spec;
}

/** How a job is named on cards and in logs: "cms POST /scheduling-api/leave-status/sync". */
export function jobLabel(spec) {
  return `${spec.service} ${spec.method} ${spec.url}`;
}

function requiredString(input, field) {
  const value = input[field];
  if (typeof value !== 'string' || value === '') throw new JobSpecError(`"${field}" is required (a non-empty string)`);
  return value;
}

function stringValues(headers) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
