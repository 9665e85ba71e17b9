/**
 * SAM `GatewayResponses` on a REST API ("GatewayResponse" in the SAM reference; "Gateway response
 * types for API Gateway") applied to the answers of the guards: a refusal is answered with the
 * response of its type (UNAUTHORIZED, ACCESS_DENIED, AUTHORIZER_CONFIGURATION_ERROR,
 * INVALID_API_KEY, THROTTLED, QUOTA_EXCEEDED), else DEFAULT_4XX / DEFAULT_5XX, else API Gateway's
 * default. StatusCode replaces the status, `ResponseParameters.Headers` values (quoted in SAM:
 * "'*'") are added, and an `application/json` template replaces the body, with
 * `$context.error.messageString` (the default message as a quoted JSON string) and
 * `$context.error.message` filled in. The common use: CORS headers on 401/403 for browser apps.
 *
 * Differs: only these refusals go through it (not MISSING_AUTHENTICATION_TOKEN or integration
 * failures); other `$context` variables in templates stay as written.
 */
import type { HttpAnswer } from '../response-v1';
import type { Refusal } from './answers';

const TYPES: Record<Refusal, string> = {
  unauthorized: 'UNAUTHORIZED',
  explicitDeny: 'ACCESS_DENIED',
  implicitDeny: 'ACCESS_DENIED',
  authorizerFailed: 'AUTHORIZER_CONFIGURATION_ERROR',
  invalidApiKey: 'INVALID_API_KEY',
  throttled: 'THROTTLED',
  quotaExceeded: 'QUOTA_EXCEEDED',
};

interface Custom {
  statusCode?: number;
  headers: [string, string][];
  template?: string;
}

export type GatewayResponses = (reason: Refusal, answer: HttpAnswer) => HttpAnswer;

export function readGatewayResponses(raw: unknown): GatewayResponses | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const table = new Map<string, Custom>();
  for (const [type, spec] of Object.entries(raw as Record<string, unknown>)) {
    const s = (typeof spec === 'object' && spec !== null ? spec : {}) as Record<string, unknown>;
    const params = (s.ResponseParameters ?? {}) as Record<string, unknown>;
    const headers = Object.entries((params.Headers ?? {}) as Record<string, unknown>).map(([name, value]): [string, string] => [name, unquote(String(value))]);
    const templates = (s.ResponseTemplates ?? {}) as Record<string, unknown>;
    const template = templates['application/json'];
    table.set(type, {
      statusCode: s.StatusCode === undefined ? undefined : Number(s.StatusCode),
      headers,
      template: typeof template === 'string' ? template : undefined,
    });
  }
  if (table.size === 0) return undefined;
  return (reason, answer) => {
    const custom = table.get(TYPES[reason]) ?? table.get(answer.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
    if (!custom) return answer;
    const message = defaultMessage(answer);
    const body = custom.template === undefined ? answer.body : custom.template.replaceAll('$context.error.messageString', JSON.stringify(message ?? null)).replaceAll('$context.error.message', message ?? '');
    return {
      status: custom.statusCode && Number.isInteger(custom.statusCode) ? custom.statusCode : answer.status,
      headers: [...answer.headers, ...custom.headers.flat()],
      body,
    };
  };
}

function defaultMessage(answer: HttpAnswer): string | undefined {
  try {
    const parsed = JSON.parse(String(answer.body)) as { message?: unknown; Message?: unknown };
    const m = parsed.message ?? parsed.Message;
    return typeof m === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith("'") && t.endsWith("'") ? t.slice(1, -1) : t;
}
