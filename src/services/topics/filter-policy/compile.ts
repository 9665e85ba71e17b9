import {
  compileTree,
  FilterSyntaxError,
  isPlainObject,
  matchesNode,
  type PatternNode,
} from '../../shared/content-filter';
import { attributesAsObject, type MessageAttribute } from './attributes';
import { SNS_DIALECT } from './dialect';
import { FilterPolicyError } from './errors';
import { checkPolicyLimits, MAX_POLICY_BYTES } from './limits';
import type { FilterPolicyScope } from './scope';

export interface SnsMessage {
  readonly body: string;
  readonly attributes?: Readonly<Record<string, MessageAttribute>>;
}

export interface FilterPolicy {
  readonly scope: FilterPolicyScope;
  readonly source: Record<string, unknown>;
  matches(message: SnsMessage): boolean;
}

/**
 * Validates and compiles a subscription filter policy (object or its JSON text). An empty policy
 * filters nothing. With scope MessageBody the body must be a JSON object: "Filter policies for the
 * message body assume that the message payload is a well-formed JSON object" (Amazon SNS message
 * filtering), so any other body never matches.
 */
export function compileFilterPolicy(policy: unknown, scope: FilterPolicyScope): FilterPolicy {
  const parsed = typeof policy === 'string' ? parsePolicyText(policy) : policy;
  if (!isPlainObject(parsed)) throw new FilterPolicyError('Filter is not an object');
  const root = Object.keys(parsed).length === 0 ? undefined : compileRoot(parsed, scope);
  return Object.freeze({
    scope,
    source: parsed,
    matches: (message: SnsMessage) => (root ? matchesMessage(root, scope, message) : true),
  });
}

function compileRoot(policy: Record<string, unknown>, scope: FilterPolicyScope): PatternNode {
  checkPolicyLimits(policy, scope);
  try {
    return compileTree(policy, SNS_DIALECT);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new FilterPolicyError(err.reason);
    throw err;
  }
}

function matchesMessage(root: PatternNode, scope: FilterPolicyScope, message: SnsMessage): boolean {
  if (scope === 'MessageAttributes') return matchesNode(root, attributesAsObject(message.attributes ?? {}));
  const body = parseBody(message.body);
  return body !== undefined && matchesNode(root, body);
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function parsePolicyText(text: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_BYTES) throw new FilterPolicyError('Filter policy is too long');
  try {
    return JSON.parse(text);
  } catch {
    throw new FilterPolicyError('failed to parse JSON.');
  }
}
