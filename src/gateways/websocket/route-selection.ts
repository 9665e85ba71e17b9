/**
 * Route selection: the API's RouteSelectionExpression (`$request.body.action`, or the
 * `${request.body.action}` form) evaluated on a message. A message that is not JSON, lacks the
 * field, or has a non-scalar there goes to `$default` ("Route selection expressions", API
 * Gateway developer guide).
 */
export const DEFAULT_ROUTE = '$default';

export type RouteSelector = (body: Buffer, binary: boolean) => string;

export function compileRouteSelection(expression: string): RouteSelector {
  const path = expression.replace(/^\$\{(.*)\}$/, '$$$1').replace(/^\$request\.body\./, '').split('.');
  return (body, binary) => {
    if (binary) return DEFAULT_ROUTE;
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return DEFAULT_ROUTE;
    }
    for (const key of path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_ROUTE;
      value = (value as Record<string, unknown>)[key];
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return DEFAULT_ROUTE;
  };
}
