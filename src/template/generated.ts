import type { GlobalsByType } from './globals';
import type { PositionIndex } from './parse/positions';
import type { RawResource } from './raw-resources';
import { IMPLICIT_HTTP_API, IMPLICIT_REST_API } from './resources/events';

/**
 * Resources SAM creates that templates refer to: the implicit APIs (`ServerlessRestApi`,
 * `ServerlessHttpApi`, used in Outputs as `${ServerlessRestApi}`) and each function's
 * `<Function>Role` when no Role is given.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources-function.html
 */
export function generatedResources(resources: RawResource[], globals: GlobalsByType, positions: PositionIndex): RawResource[] {
  const taken = new Set(resources.map((r) => r.logicalId));
  const functions = resources.filter((r) => r.active && r.type === 'AWS::Serverless::Function');
  const generated: RawResource[] = [];
  const add = (logicalId: string, type: string, from: string, properties: Record<string, unknown> = {}) => {
    if (taken.has(logicalId)) return;
    taken.add(logicalId);
    generated.push({ logicalId, type, properties, active: true, dependsOn: [], generatedFrom: from });
  };
  for (const fn of functions) {
    if (fn.properties.Role === undefined) add(`${fn.logicalId}Role`, 'AWS::IAM::Role', fn.logicalId);
  }
  const implicit = implicitApiKinds(functions);
  // The implicit APIs take the Globals of their type, as SAM applies Globals.Api to them.
  if (implicit.rest) {
    add(IMPLICIT_REST_API, 'AWS::Serverless::Api', 'Events', { ...(globals.get('AWS::Serverless::Api') ?? {}) });
    positions.alias(['Resources', IMPLICIT_REST_API, 'Properties'], ['Globals', 'Api']);
  }
  if (implicit.http) {
    add(IMPLICIT_HTTP_API, 'AWS::Serverless::HttpApi', 'Events', { ...(globals.get('AWS::Serverless::HttpApi') ?? {}) });
    positions.alias(['Resources', IMPLICIT_HTTP_API, 'Properties'], ['Globals', 'HttpApi']);
  }
  return generated;
}

function implicitApiKinds(functions: RawResource[]): { rest: boolean; http: boolean } {
  let rest = false;
  let http = false;
  for (const fn of functions) {
    const events = fn.properties.Events;
    if (typeof events !== 'object' || events === null) continue;
    for (const event of Object.values(events as Record<string, { Type?: unknown; Properties?: Record<string, unknown> }>)) {
      if (event?.Type === 'Api' && event.Properties?.RestApiId === undefined) rest = true;
      if (event?.Type === 'HttpApi' && event.Properties?.ApiId === undefined) http = true;
    }
  }
  return { rest, http };
}
