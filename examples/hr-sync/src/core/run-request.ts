/**
 * The schedule's Input, checked once at the boundary:
 * `{"cmsServerEnv":"dv|pr","tenantInfos":[{"tenant","externalServerEnv":"dv|pr"}],"enalbedNotification":true}`.
 * The rule in production carries the misspelt `enalbedNotification`; the correct spelling is
 * accepted too and wins when both are present. With neither, nothing is sent.
 */
import type { ServerEnv } from './report';

export interface RunRequest {
  cmsEnv: ServerEnv;
  tenants: { tenant: string; gatewayEnv: ServerEnv }[];
  notify: boolean;
}

export class InvalidRunRequest extends Error {
  override name = 'InvalidRunRequest';
}

const SERVER_ENVS: readonly string[] = ['dv', 'pr'];

export function parseRunRequest(input: unknown): RunRequest {
  if (!isObject(input)) throw new InvalidRunRequest('the schedule input must be a JSON object');
  const cmsEnv = serverEnv(input.cmsServerEnv, 'cmsServerEnv');
  if (!Array.isArray(input.tenantInfos) || input.tenantInfos.length === 0) {
    throw new InvalidRunRequest('tenantInfos must be a non-empty array');
  }
  const tenants = input.tenantInfos.map((info, i) => {
    if (!isObject(info) || typeof info.tenant !== 'string' || info.tenant.trim() === '') {
      throw new InvalidRunRequest(`tenantInfos[${i}].tenant must be a non-empty string`);
    }
    return { tenant: info.tenant.trim(), gatewayEnv: serverEnv(info.externalServerEnv, `tenantInfos[${i}].externalServerEnv`) };
  });
  const names = tenants.map((t) => t.tenant);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw new InvalidRunRequest(`tenant ${repeated} is listed twice in tenantInfos`);
  return { cmsEnv, tenants, notify: notificationFlag(input) };
}

function notificationFlag(input: Record<string, unknown>): boolean {
  const flag = input.enabledNotification ?? input.enalbedNotification ?? false;
  if (typeof flag !== 'boolean') throw new InvalidRunRequest('enabledNotification (or enalbedNotification) must be true or false');
  return flag;
}

function serverEnv(value: unknown, field: string): ServerEnv {
  if (typeof value !== 'string' || !SERVER_ENVS.includes(value)) {
    throw new InvalidRunRequest(`${field} must be one of ${SERVER_ENVS.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as ServerEnv;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
