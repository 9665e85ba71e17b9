/**
 * The tenant directory (env TENANT_DIRECTORY, JSON): which customer module serves each tenant,
 * its gateway base URL per environment, its credentials and the people to mail on failure.
 *   {"hanbit": {"customer": "hanbit", "gateway": {"dv": "https://…", "pr": "https://…"},
 *               "credentials": {"apiKey": "…"},
 *               "contacts": {"business": ["…"], "customer": ["…"]}}}
 * A broken entry fails only its own tenant, when that tenant runs.
 */
import type { TenantContacts } from '../core/ports';
import type { ServerEnv } from '../core/report';

export interface TenantEntry {
  customer: string;
  gateway: Partial<Record<ServerEnv, string>>;
  credentials: Record<string, string>;
  contacts: TenantContacts;
}

export class TenantConfigError extends Error {
  override name = 'TenantConfigError';
}

export function parseTenantDirectory(json: string | undefined): Record<string, unknown> {
  if (!json) return {};
  const parsed = JSON.parse(json) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TenantConfigError('TENANT_DIRECTORY must be a JSON object keyed by tenant');
  return parsed as Record<string, unknown>;
}

export function tenantEntry(directory: Record<string, unknown>, tenant: string): TenantEntry {
  const raw = directory[tenant] as Partial<TenantEntry> | undefined;
  if (!raw) throw new TenantConfigError(`tenant ${tenant} is not in the tenant directory`);
  if (typeof raw.customer !== 'string') throw new TenantConfigError(`tenant ${tenant}: "customer" must name a customer module`);
  if (typeof raw.gateway !== 'object' || raw.gateway === null) throw new TenantConfigError(`tenant ${tenant}: "gateway" must map dv/pr to base URLs`);
  return {
    customer: raw.customer,
    gateway: raw.gateway,
    credentials: raw.credentials ?? {},
    contacts: { business: raw.contacts?.business ?? [], customer: raw.contacts?.customer ?? [] },
  };
}
