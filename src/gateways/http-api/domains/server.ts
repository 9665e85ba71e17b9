/**
 * Custom domains served locally: each domain gets its own listener, on the ports after the
 * APIs' (first API port + number of APIs + index; ephemeral with port 0), so a plain
 * `curl http://127.0.0.1:<port>/admin/users` works without Host-header tricks. A request is
 * handed to its mapping's API handler with the base path removed. A path no mapping takes is
 * answered as API Gateway answers a custom domain without a matching base path mapping:
 * 403 {"message":"Forbidden"} (REST domains) or 404 {"message":"Not Found"} (HTTP-only domains).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from '../api-context';
import { createRequestHandler, type HandlerDeps } from '../handler';
import type { DomainSpec } from './config';
import { mappingLocator, pickMapping, sortMappings } from './router';

export type DomainHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function createDomainHandler(domain: DomainSpec, contexts: Map<string, ApiContext>, deps: HandlerDeps): DomainHandler {
  const sorted = sortMappings(domain.mappings).filter((m) => contexts.has(m.apiLogicalId));
  const handlers = new Map(sorted.map((m) => [m, createRequestHandler(contexts.get(m.apiLogicalId)!, deps, mappingLocator(m))]));
  const rest = sorted.some((m) => contexts.get(m.apiLogicalId)!.kind === 'rest');
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const mapping = path.startsWith('/') ? pickMapping(sorted, path) : sorted.find((m) => m.basePath.length === 0);
    if (mapping) return handlers.get(mapping)!(req, res);
    const body = rest ? '{"message":"Forbidden"}' : '{"message":"Not Found"}';
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Content-Length': String(body.length) };
    if (rest) headers['x-amzn-ErrorType'] = 'ForbiddenException';
    req.resume();
    res.writeHead(rest ? 403 : 404, headers);
    res.end(body);
  };
}
