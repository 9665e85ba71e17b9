/**
 * The `x-api-key` check of a REST method with ApiKeyRequired ("Choose an API key source": the
 * HEADER source): the key must exist, be enabled and belong to a usage plan that includes
 * this API and stage, else 403 {"message":"Forbidden"}. The plan's throttle is a token bucket
 * (RateLimit per second, BurstLimit deep) and its quota a count per calendar period (UTC), both
 * on the injectable clock; over either → 429 ("Too Many Requests" / "Limit Exceeded").
 *
 * With `ApiKeySourceType: AUTHORIZER` the key is the Lambda authorizer's `usageIdentifierKey`
 * (guards.ts), checked the same way.
 *
 * Differs: counters live in memory (a restart forgets them); Quota.Offset is ignored.
 */
import type { Clock } from '../../../shared/clock';
import type { Refusal } from './answers';
import type { ApiKey, KeyRegistry, UsagePlan } from './usage-plans';

export type KeyCheck = { ok: true; key: ApiKey } | { ok: false; refusal: Refusal };

export class ApiKeyGate {
  private readonly byValue = new Map<string, ApiKey>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly counts = new Map<string, { window: number; used: number }>();

  constructor(
    private readonly registry: KeyRegistry,
    private readonly clock: Clock,
  ) {
    for (const key of registry.keys) this.byValue.set(key.value, key);
  }

  check(apiLogicalId: string, stage: string, value: string | undefined): KeyCheck {
    const key = value === undefined ? undefined : this.byValue.get(value);
    if (!key || !key.enabled) return { ok: false, refusal: 'invalidApiKey' };
    const plan = this.registry.plans.find(
      (p) => p.keyIds.has(key.id) && p.stages.some((s) => s.apiLogicalId === apiLogicalId && (s.stage === undefined || s.stage === stage)),
    );
    if (!plan) return { ok: false, refusal: 'invalidApiKey' };
    const now = this.clock.now();
    if (plan.throttle && !this.take(plan, key, now)) return { ok: false, refusal: 'throttled' };
    if (plan.quota && !this.count(plan, key, now)) return { ok: false, refusal: 'quotaExceeded' };
    return { ok: true, key };
  }

  private take(plan: UsagePlan, key: ApiKey, now: number): boolean {
    const { rateLimit, burstLimit } = plan.throttle!;
    const id = `${plan.id}/${key.id}`;
    const capacity = Math.max(burstLimit, 0);
    const bucket = this.buckets.get(id) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * Math.max(rateLimit, 0));
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private count(plan: UsagePlan, key: ApiKey, now: number): boolean {
    const { limit, period } = plan.quota!;
    const id = `${plan.id}/${key.id}`;
    const window = windowStart(period, now);
    const entry = this.counts.get(id);
    const used = entry && entry.window === window ? entry.used : 0;
    if (used >= limit) return false;
    this.counts.set(id, { window, used: used + 1 });
    return true;
  }
}

/** Start of the UTC day, ISO week (Monday) or month holding `now`. */
function windowStart(period: 'DAY' | 'WEEK' | 'MONTH', now: number): number {
  const d = new Date(now);
  if (period === 'MONTH') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (period === 'DAY') return day;
  return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
}
