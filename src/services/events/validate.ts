/**
 * Parameter constraints checked the way the AWS API front end reports them:
 * "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: …".
 */
import * as limits from './constants';
import { validationError } from './errors';

const constraint = (value: unknown, member: string, rule: string) =>
  validationError(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${rule}`);

export function requireString(value: unknown, member: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  throw constraint(value ?? 'null', member, 'Member must not be null');
}

export function checkName(value: unknown, member: string, pattern: RegExp, patternText: string, maxLength: number): string {
  const name = requireString(value, member);
  if (name.length > maxLength) throw constraint(name, member, `Member must have length less than or equal to ${maxLength}`);
  if (!pattern.test(name)) throw constraint(name, member, `Member must satisfy regular expression pattern: ${patternText}`);
  return name;
}

export const checkRuleName = (value: unknown, member = 'name') =>
  checkName(value, member, limits.RULE_NAME_PATTERN, '[\\.\\-_A-Za-z0-9]+', limits.MAX_RULE_NAME_LENGTH);

export const checkBusName = (value: unknown, member = 'name') =>
  checkName(value, member, limits.BUS_NAME_PATTERN, '[/\\.\\-_A-Za-z0-9]+', limits.MAX_BUS_NAME_LENGTH);

export function checkDescription(value: string | undefined): void {
  if (value !== undefined && value.length > limits.MAX_DESCRIPTION_LENGTH) {
    throw constraint(value, 'description', `Member must have length less than or equal to ${limits.MAX_DESCRIPTION_LENGTH}`);
  }
}

export function checkState(value: unknown): (typeof limits.RULE_STATES)[number] {
  if (value === undefined) return 'ENABLED';
  if ((limits.RULE_STATES as readonly unknown[]).includes(value)) return value as (typeof limits.RULE_STATES)[number];
  throw constraint(value, 'state', `Member must satisfy enum value set: [${limits.RULE_STATES.join(', ')}]`);
}
