/**
 * The idempotency key of a long job: schedule name + scheduled time, e.g.
 * "payroll-settlement@20260301T151000Z". Both come from EventBridge Scheduler's context
 * attributes, so every retry of the same tick carries the same key. No ":" or "*", so the key is
 * also a valid CloudWatch Logs stream name and SQS deduplication id.
 */
export function jobKey(spec) {
  const scheduleName = spec.scheduleArn.slice(spec.scheduleArn.lastIndexOf('/') + 1);
  const time = new Date(spec.scheduledTime);
  if (Number.isNaN(time.getTime())) throw new Error(`scheduledTime "${spec.scheduledTime}" is not a time`);
  const compact = time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${scheduleName}@${compact}`;
}
