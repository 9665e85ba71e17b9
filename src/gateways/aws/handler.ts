/**
 * The AWS side of the edge port: read the request, find its service and protocol, check its
 * signature (strict mode), run the operation, and answer in that protocol — errors included, so
 * every answer is one a real AWS client can parse. Requests under `/_stratus/` are not AWS's.
 */
import type { ServerResponse } from 'node:http';
import type { Clock } from '../../shared/clock';
import { newRequestId } from '../../shared/ids';
import type { EdgeHandler } from '../edge/server';
import { AwsError, asAwsError, type AwsErrorData } from './errors';
import type { AuthErrorCodes, AwsContext, AwsServiceAdapter } from './service';
import { BodyTooLarge, readEdgeRequest, type EdgeRequest } from './request';
import { resolveRequest, type Resolved } from './routing';
import { readSignature, signingScope } from './auth/signature';
import { authenticate, DEFAULT_AUTH_CODES, type AuthConfig } from './auth';
import { parseJsonInput, sendJsonError, sendJsonResult } from './protocols/json';
import { decodeQueryForm } from './protocols/query-decode';
import { sendQueryError, sendQueryResult } from './protocols/query';
import { sendRestError, sendRestResult } from './protocols/rest-json';

export const CONSOLE_PREFIX = '/_stratus/';

export interface AwsEdgeOptions {
  services: AwsServiceAdapter[];
  region: string;
  accountId: string;
  clock: Clock;
  auth?: AuthConfig;
}

export function createAwsEdgeHandler(options: AwsEdgeOptions): EdgeHandler {
  return async (req, res) => {
    if (req.url?.startsWith(CONSOLE_PREFIX)) return false;
    const requestId = newRequestId();
    let resolved: Resolved = { protocol: 'unknown' };
    try {
      const request = await readEdgeRequest(req).catch((err) => {
        if (err instanceof BodyTooLarge) resolved = resolveRequest(err.request, options.services);
        throw err;
      });
      const reading = readSignature(request);
      const scope = signingScope(reading);
      resolved = resolveRequest(request, options.services, scope.service);
      if (!(reading.kind === 'none' && servedUnsigned(resolved))) {
        await authenticate(request, reading, options.auth, authCodes(resolved), options.clock.now());
      }
      const ctx: AwsContext = {
        requestId,
        region: scope.region || options.region,
        accountId: options.accountId,
        accessKeyId: scope.accessKeyId,
        now: () => options.clock.now(),
      };
      await dispatch(request, resolved, ctx, res);
    } catch (err) {
      renderError(res, resolved, requestId, tooLargeAs(err, resolved));
    }
    return true;
  };
}

async function dispatch(req: EdgeRequest, resolved: Resolved, ctx: AwsContext, res: ServerResponse): Promise<void> {
  switch (resolved.protocol) {
    case 'json': {
      const { service, operation } = resolved;
      const op = service?.operations && Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
      if (!service || !op) throw new AwsError('UnknownOperationException', `Operation ${operation || '(none)'} is not supported${service ? ` by ${service.title}` : ''}.`);
      const output = await op(parseJsonInput(req), ctx);
      return sendJsonResult(res, resolved.version, ctx.requestId, output);
    }
    case 'query': {
      const action = resolved.params.get('Action');
      if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action.');
      const spec = resolved.service?.query;
      const op = resolved.service?.operations && Object.hasOwn(resolved.service.operations, action) ? resolved.service.operations[action] : undefined;
      if (!spec || !op) throw new AwsError('InvalidAction', `Could not find operation ${action}${spec ? ` for version ${spec.version}` : ''}.`);
      const decoded = decodeQueryForm(withoutProtocolParams(resolved.params));
      const input = spec.operations?.[action]?.input?.(decoded, { path: req.rawPath }) ?? decoded;
      return sendQueryResult(res, spec, action, ctx.requestId, await op(input, ctx));
    }
    case 'rest': {
      if (!resolved.match) throw new AwsError('UnknownOperationException', `${resolved.service.title} has no operation at ${req.method} ${req.rawPath}.`, 404);
      const { route, params, invalid } = resolved.match;
      if (invalid) throw invalid;
      const result = await route.handle({ method: req.method, params, query: req.query, headers: req.headers, body: req.body }, ctx);
      return sendRestResult(res, ctx.requestId, result);
    }
    default:
      throw new AwsError('UnknownOperationException', `Stratus does not serve ${req.method} ${req.rawPath}: no AWS service or operation matches it.`);
  }
}

function renderError(res: ServerResponse, resolved: Resolved, requestId: string, err: AwsErrorData): void {
  if (res.headersSent) return void res.destroy();
  switch (resolved.protocol) {
    case 'json':
      return sendJsonError(res, resolved.service?.json ?? { version: resolved.version }, requestId, err);
    case 'query':
      return sendQueryError(res, resolved.service?.query?.xmlNamespace, requestId, err);
    case 'rest':
      return sendRestError(res, requestId, err, resolved.service.rest?.errorBody);
    default:
      return sendJsonError(res, { version: '1.1' }, requestId, err);
  }
}

/** A query operation AWS answers without a signature (see QueryOperationSpec.unsigned). */
function servedUnsigned(resolved: Resolved): boolean {
  if (resolved.protocol !== 'query') return false;
  const action = resolved.params.get('Action');
  const spec = action ? resolved.service?.query?.operations?.[action] : undefined;
  return spec?.unsigned?.(resolved.params) === true;
}

function authCodes(resolved: Resolved): AuthErrorCodes {
  const family = resolved.protocol === 'unknown' ? 'json' : resolved.protocol;
  return { ...DEFAULT_AUTH_CODES[family], ...resolved.service?.authErrors };
}

function tooLargeAs(err: unknown, resolved: Resolved): AwsErrorData {
  const data = asAwsError(err);
  const code = err instanceof BodyTooLarge ? resolved.service?.tooLargeCode : undefined;
  return code ? { code, status: data.status, message: data.message, senderFault: data.senderFault } : data;
}

/** Action, Version and the presigned-URL parameters are the protocol's, not the operation's input. */
function withoutProtocolParams(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (k !== 'Action' && k !== 'Version' && !k.startsWith('X-Amz-')) out.append(k, v);
  return out;
}
