/**
 * Picking the API mapping of a request on a custom domain: the mapping with the longest base
 * path whose segments start the request path wins, the root mapping `(none)` catching the rest
 * ("Working with API mappings for REST APIs": `/orders` and the root on one domain). The base
 * path is removed before the API routes the request; the event still shows the path as
 * received — REST `path` and `requestContext.path` include the base path and no stage
 * (CodeGenieApp/serverless-express#216, aws/serverless-java-container#34), HTTP API `rawPath`
 * includes the mapping key.
 */
import type { PathLocator } from '../handler';
import type { ApiMapping } from './config';

export interface MappedRequest {
  mapping: ApiMapping;
}

/** Mappings sorted longest base path first. */
export function sortMappings(mappings: ApiMapping[]): ApiMapping[] {
  return [...mappings].sort((a, b) => b.basePath.length - a.basePath.length);
}

export function pickMapping(sorted: ApiMapping[], rawPath: string): ApiMapping | undefined {
  const segments = rawPath.split('/').slice(1);
  return sorted.find((m) => m.basePath.every((part, i) => segments[i] !== undefined && decodeSafe(segments[i]) === part));
}

/** The locator for one mapping: routes see the path below the base path. */
export function mappingLocator(mapping: ApiMapping): PathLocator {
  const depth = mapping.basePath.length;
  return {
    routePath(rawPath) {
      if (depth === 0) return rawPath;
      const rest = rawPath.split('/').slice(1 + depth).join('/');
      return '/' + rest;
    },
    view: (rawPath) => ({ belowStage: rawPath, withStage: rawPath }),
  };
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
