/**
 * AllowedValues, AllowedPattern, Min/MaxLength, Min/MaxValue. Messages are CloudFormation's; a
 * ConstraintDescription replaces them, as on AWS.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
export function checkConstraints(
  name: string,
  type: string,
  value: string | string[],
  definition: Record<string, unknown>,
  fail: (message: string) => Error,
): void {
  const custom = typeof definition.ConstraintDescription === 'string' ? definition.ConstraintDescription : undefined;
  const failWith = (message: string) => fail(custom ? `Parameter '${name}' failed to satisfy constraint: ${custom}` : message);
  const items = Array.isArray(value) ? value : [value];
  for (const item of items) {
    if (type === 'Number' || type === 'List<Number>') checkNumber(name, item, definition, failWith);
    else checkString(name, item, definition, failWith);
    checkAllowedValues(name, item, definition, failWith);
  }
}

function checkNumber(name: string, item: string, definition: Record<string, unknown>, fail: (m: string) => Error): void {
  const number = Number(item);
  if (item.trim() === '' || !Number.isFinite(number)) throw fail(`Parameter '${name}' must be a number`);
  const min = numberOrUndefined(definition.MinValue);
  const max = numberOrUndefined(definition.MaxValue);
  if (min !== undefined && number < min) throw fail(`Parameter '${name}' must be a number not less than ${min}`);
  if (max !== undefined && number > max) throw fail(`Parameter '${name}' must be a number not greater than ${max}`);
}

function checkString(name: string, item: string, definition: Record<string, unknown>, fail: (m: string) => Error): void {
  const min = numberOrUndefined(definition.MinLength);
  const max = numberOrUndefined(definition.MaxLength);
  if (min !== undefined && item.length < min) throw fail(`Parameter '${name}' must contain at least ${min} characters`);
  if (max !== undefined && item.length > max) throw fail(`Parameter '${name}' must contain at most ${max} characters`);
  const pattern = definition.AllowedPattern;
  // CloudFormation matches the whole value against the pattern.
  if (typeof pattern === 'string' && !new RegExp(`^(?:${pattern})$`, 'u').test(item)) {
    throw fail(`Parameter '${name}' must match pattern ${pattern}`);
  }
}

function checkAllowedValues(name: string, item: string, definition: Record<string, unknown>, fail: (m: string) => Error): void {
  const allowed = definition.AllowedValues;
  if (!Array.isArray(allowed)) return;
  if (!allowed.map(String).includes(item)) throw fail(`Parameter '${name}' must be one of AllowedValues`);
}

function numberOrUndefined(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
