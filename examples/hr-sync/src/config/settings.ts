/** The sync function's environment, read once per instance into a frozen object. */
import type { ServerEnv } from '../core/report';
import { parseTenantDirectory } from './tenant-directory';

/** Defaults a careful operator would pick; each is overridable through the template. */
const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;
const DEFAULT_CMS_TIMEOUT_MS = 10_000;
const DEFAULT_TENANT_CONCURRENCY = 4;
const DEFAULT_CMS_WRITE_CONCURRENCY = 8;

export interface SyncSettings {
  cmsBaseUrl: Record<ServerEnv, string>;
  tenantDirectory: Record<string, unknown>;
  teamsWebhookUrl: string;
  mailQueueUrl: string;
  developers: string[];
  gatewayTimeoutMs: number;
  cmsTimeoutMs: number;
  tenantConcurrency: number;
  writeConcurrency: number;
}

export function readSettings(env: NodeJS.ProcessEnv): SyncSettings {
  return Object.freeze({
    cmsBaseUrl: { dv: trimSlash(env.CMS_BASE_URL_DV), pr: trimSlash(env.CMS_BASE_URL_PR) },
    tenantDirectory: parseTenantDirectory(env.TENANT_DIRECTORY),
    teamsWebhookUrl: env.TEAMS_WEBHOOK_URL ?? '',
    mailQueueUrl: env.MAIL_QUEUE_URL ?? '',
    developers: list(env.DEVELOPER_EMAILS),
    gatewayTimeoutMs: positive(env.GATEWAY_TIMEOUT_MS, DEFAULT_GATEWAY_TIMEOUT_MS),
    cmsTimeoutMs: positive(env.CMS_TIMEOUT_MS, DEFAULT_CMS_TIMEOUT_MS),
    tenantConcurrency: positive(env.TENANT_CONCURRENCY, DEFAULT_TENANT_CONCURRENCY),
    writeConcurrency: positive(env.CMS_WRITE_CONCURRENCY, DEFAULT_CMS_WRITE_CONCURRENCY),
  });
}

export function trimSlash(url: string | undefined): string {
  return (url ?? '').replace(/\/+$/, '');
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}
