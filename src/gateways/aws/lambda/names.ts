/**
 * Lambda's FunctionName parameter (Lambda API Reference, Invoke → FunctionName): a name
 * (`my-function`), a name with a qualifier (`my-function:v1`), a full ARN
 * (`arn:aws:lambda:us-west-2:123456789012:function:my-function[:qualifier]`) or a partial ARN
 * (`123456789012:function:my-function`). Only `$LATEST` exists locally: Stratus does not publish
 * versions or aliases, so any other qualifier is a function that is not found.
 */
import { AwsError } from '../errors';

export const LATEST = '$LATEST';
/** The API's pattern for FunctionName (Invoke, GetFunction, GetFunctionConfiguration). */
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const MAX_NAME_LENGTH = 170;

export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
}

export function parseFunctionName(value: string, qualifierParam?: string | null): FunctionRef {
  const m = value.length <= MAX_NAME_LENGTH ? FUNCTION_NAME.exec(value) : null;
  if (!m) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_NAME.source}`,
    );
  }
  const fromName = m[12];
  if (qualifierParam && fromName && qualifierParam !== fromName) {
    throw new AwsError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  return {
    name: m[10],
    qualifier: qualifierParam || fromName || undefined,
    region: m[3]?.slice(0, -1),
    accountId: m[8]?.slice(0, -1),
  };
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier ? `:${qualifier}` : ''}`;
}

export function functionNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
}
