/**
 * The IAM policy a Lambda authorizer returns, evaluated for one method ARN the way API Gateway
 * does ("Output from an API Gateway Lambda authorizer"; IAM "Policy evaluation logic"): a
 * statement applies when one of its Actions matches `execute-api:Invoke` and one of its
 * Resources matches the ARN, `*` matching any run of characters and `?` one; an explicit Deny
 * wins over any Allow, and without an Allow the request is denied.
 *
 * Differs: NotAction/NotResource and Condition blocks are not evaluated (a statement that
 * uses them does not apply).
 */

export type PolicyVerdict = 'allow' | 'deny' | 'implicitDeny';

export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

export class MalformedPolicyError extends Error {}

/** Reads `policyDocument` (Statement may be one object or a list; Action/Resource strings or lists). */
export function readPolicy(document: unknown): PolicyStatement[] {
  if (typeof document !== 'object' || document === null) throw new MalformedPolicyError('policyDocument must be an object');
  const raw = (document as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((statement) => {
    if (typeof statement !== 'object' || statement === null) throw new MalformedPolicyError('a Statement must be an object');
    const s = statement as Record<string, unknown>;
    const effect = s.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') throw new MalformedPolicyError('Effect must be Allow or Deny');
    return { effect, actions: strings(s.Action), resources: strings(s.Resource) };
  });
}

function strings(value: unknown): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string')) throw new MalformedPolicyError('Action and Resource must be strings');
  return list as string[];
}

export function evaluatePolicy(statements: PolicyStatement[], methodArn: string): PolicyVerdict {
  let allowed = false;
  for (const statement of statements) {
    if (!statement.actions.some((a) => wildcardMatch(a.toLowerCase(), 'execute-api:invoke'))) continue;
    if (!statement.resources.some((r) => wildcardMatch(r, methodArn))) continue;
    if (statement.effect === 'Deny') return 'deny';
    allowed = true;
  }
  return allowed ? 'allow' : 'implicitDeny';
}

/** IAM wildcards: `*` any run (also empty, across `/` and `:`), `?` exactly one character. */
export function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
