/**
 * Browser POST uploads' policy (S3 API Reference, "Creating a POST policy"): expiration, then
 * every condition — exact matches (`{"bucket": "b"}`, `["eq", "$key", "v"]`), `starts-with`,
 * `content-length-range` — and every form field covered by some condition (except the
 * signature, the file, the policy itself and `x-ignore-*`). The signature over the policy is the
 * wire layer's to check (it needs the secret key); this is the policy's meaning.
 */
import { accessDenied, S3Error } from './errors';

export interface PolicyLimits {
  minBytes?: number;
  maxBytes?: number;
}

const EXEMPT = new Set(['x-amz-signature', 'file', 'policy', 'signature', 'awsaccesskeyid']);

export const invalidPolicy = (message: string) => new S3Error('InvalidPolicyDocument', `Invalid Policy: ${message}`);
const failed = (message: string) => accessDenied(`Invalid according to Policy: ${message}`);

/** `fields`: the form's fields by lower-cased name (`bucket` included), values as sent. */
export function checkPostPolicy(policyBase64: string, fields: Map<string, string>, now: number): PolicyLimits {
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyBase64, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (typeof policy !== 'object' || policy === null) throw invalidPolicy('Invalid JSON.');
  const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : NaN;
  if (Number.isNaN(expiration)) throw invalidPolicy('Policy missing expiration.');
  if (now > expiration) throw failed('Policy expired.');
  if (!Array.isArray(policy.conditions)) throw invalidPolicy('Policy missing conditions.');
  const covered = new Set<string>();
  const limits: PolicyLimits = {};
  for (const condition of policy.conditions) {
    if (Array.isArray(condition)) {
      const [op, a, b] = condition as unknown[];
      const operator = String(op).toLowerCase();
      if (operator === 'content-length-range') {
        limits.minBytes = Number(a);
        limits.maxBytes = Number(b);
        if (!Number.isFinite(limits.minBytes) || !Number.isFinite(limits.maxBytes)) throw invalidPolicy('Invalid content-length-range.');
        continue;
      }
      if ((operator !== 'eq' && operator !== 'starts-with') || typeof a !== 'string' || !a.startsWith('$') || typeof b !== 'string') {
        throw invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
      }
      const name = a.slice(1).toLowerCase();
      covered.add(name);
      const value = fields.get(name) ?? '';
      const ok = operator === 'eq' ? value === b : startsWithCondition(name, value, b);
      if (!ok) throw failed(`Policy Condition failed: ${JSON.stringify([op, a, b]).replace(/,/g, ', ')}`);
    } else if (typeof condition === 'object' && condition !== null) {
      for (const [key, expected] of Object.entries(condition)) {
        const name = key.toLowerCase();
        covered.add(name);
        if ((fields.get(name) ?? '') !== String(expected)) throw failed(`Policy Condition failed: ["eq", "$${key}", ${JSON.stringify(String(expected))}]`);
      }
    } else {
      throw invalidPolicy(`Invalid Condition: ${JSON.stringify(condition)}`);
    }
  }
  const extra = [...fields.keys()].filter((f) => f !== 'bucket' && !EXEMPT.has(f) && !f.startsWith('x-ignore-') && !covered.has(f));
  if (extra.length > 0) throw failed(`Extra input fields: ${extra.join(', ')}`);
  return limits;
}

/** Content-Type may be a comma-separated list; each entry must start with the value. */
function startsWithCondition(name: string, value: string, prefix: string): boolean {
  if (name === 'content-type') return value.split(',').every((v) => v.trim().startsWith(prefix));
  return value.startsWith(prefix);
}
