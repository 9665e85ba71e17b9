/**
 * Which service and protocol a request is for, the way AWS clients address them:
 *   1. `X-Amz-Target: Prefix.Operation`         → that JSON service (the target is authoritative);
 *   2. a REST path (`/2015-03-31/functions/…`)   → that REST service;
 *   3. `Action=` in the form or the query string → the query service named by the SigV4
 *      credential scope (`…/us-east-1/sqs/aws4_request`) or the Host (`sqs.us-east-1.amazonaws.com`),
 *      else the only query service that has that action.
 * The credential scope (or host) narrows the candidates first, so two services sharing a path
 * shape are told apart the way AWS's own endpoints are.
 */
import type { AwsServiceAdapter } from './service';
import { header, mediaType, type EdgeRequest } from './request';
import { matchRoute, pathBelongsTo, type RouteMatch } from './protocols/rest-json';
import { FORM_MEDIA_TYPE, queryParams } from './protocols/query';
import { operationFromTarget } from './protocols/json';

export type Resolved =
  | { protocol: 'json'; service?: AwsServiceAdapter; operation: string; version: '1.0' | '1.1' }
  | { protocol: 'query'; service?: AwsServiceAdapter; params: URLSearchParams }
  | { protocol: 'rest'; service: AwsServiceAdapter; match?: RouteMatch }
  | { protocol: 'unknown'; service?: AwsServiceAdapter };

export function resolveRequest(req: EdgeRequest, services: AwsServiceAdapter[], scopeService?: string): Resolved {
  const named = scopeService ?? serviceFromHost(header(req, 'host'));
  const candidates = named ? services.filter((s) => s.signingName === named) : [];

  const target = header(req, 'x-amz-target');
  if (target !== undefined) {
    const { prefix, operation } = operationFromTarget(target);
    const service = services.find((s) => s.json?.targetPrefix === prefix);
    return { protocol: 'json', service, operation, version: service?.json?.version ?? jsonVersionOf(req) };
  }

  const restServices = (candidates.length > 0 ? candidates : services).filter((s) => s.rest);
  for (const service of restServices) {
    const match = matchRoute(service.rest!.routes, req.method, req.rawPath);
    if (match) return { protocol: 'rest', service, match };
  }
  const restOwner = restServices.find((s) => pathBelongsTo(s.rest!.routes, req.rawPath));
  if (restOwner) return { protocol: 'rest', service: restOwner };

  const params = queryParams(req);
  if (params.has('Action') || mediaType(req) === FORM_MEDIA_TYPE) {
    const service = candidates.find((s) => s.query) ?? (candidates.length === 0 ? byAction(services, params.get('Action')) : undefined);
    return { protocol: 'query', service, params };
  }

  const only = candidates[0];
  if (only?.json) return { protocol: 'json', service: only, operation: '', version: only.json.version };
  if (only?.query) return { protocol: 'query', service: only, params };
  if (only?.rest) return { protocol: 'rest', service: only };
  return { protocol: 'unknown' };
}

/** `sqs.us-east-1.amazonaws.com` → `sqs`; `sts.amazonaws.com` → `sts`; IPs and localhost → none. */
export function serviceFromHost(host: string | undefined): string | undefined {
  const name = host?.split(':')[0].toLowerCase();
  if (!name || !name.endsWith('.amazonaws.com')) return undefined;
  return name.split('.')[0];
}

function byAction(services: AwsServiceAdapter[], action: string | null): AwsServiceAdapter | undefined {
  if (!action) return undefined;
  const owners = services.filter((s) => s.query && s.operations && Object.hasOwn(s.operations, action));
  return owners.length === 1 ? owners[0] : undefined;
}

function jsonVersionOf(req: EdgeRequest): '1.0' | '1.1' {
  return mediaType(req) === 'application/x-amz-json-1.0' ? '1.0' : '1.1';
}
