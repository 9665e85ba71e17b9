/**
 * Reading an authorizer's identity sources from a request. API Gateway answers 401 without
 * calling the authorizer when a source is missing or empty ("Use API Gateway Lambda authorizers":
 * "if … any of the specified identity sources is missing, null, or empty, API Gateway returns a
 * 401 Unauthorized response without calling the authorizer Lambda function").
 */
import { headerValue, queryPairs, type GatewayRequest } from '../request';
import type { IdentitySource } from './config';

/** The value of each source in order, or undefined when one is missing or empty. */
export function identityValues(
  sources: IdentitySource[],
  req: GatewayRequest,
  contextValue: (path: string) => unknown,
): string[] | undefined {
  const values: string[] = [];
  let query: [string, string][] | undefined;
  for (const source of sources) {
    let value: string | undefined;
    if (source.from === 'header') value = headerValue(req.rawHeaders, source.name.toLowerCase());
    else if (source.from === 'query') value = (query ??= queryPairs(req.rawQuery)).find(([name]) => name === source.name)?.[1];
    else if (source.from === 'context') {
      const found = contextValue(source.name);
      value = found === undefined || found === null ? undefined : String(found);
    }
    // Stage variables: Stratus stages have none, so such a source is always missing.
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}

/** `identity.sourceIp` looked up in a requestContext object. */
export function pathLookup(root: unknown): (path: string) => unknown {
  return (path) => {
    let node: unknown = root;
    for (const key of path.split('.')) {
      if (typeof node !== 'object' || node === null) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
}
