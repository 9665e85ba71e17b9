/**
 * Authorizer results cached per authorizer and identity-source values for the authorizer's TTL
 * (REST: "the policy is cached … for the TTL", keyed by the token or the identity sources), on
 * the injectable clock so tests move time past the TTL. A cached REST policy is evaluated again
 * for each request's method ARN, exactly as on AWS (a policy that only allows the first
 * resource denies the next one until the TTL runs out).
 */
import type { Clock } from '../../../shared/clock';

/** Bound on entries: the oldest goes first when it is reached. */
const MAX_ENTRIES = 10_000;

export class AuthorizerCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: T, ttlSeconds: number): void {
    if (ttlSeconds <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.clock.now() + ttlSeconds * 1000 });
  }
}

export function cacheKey(authorizer: string, values: string[]): string {
  return authorizer + '\u0000' + values.join('\u0000');
}
