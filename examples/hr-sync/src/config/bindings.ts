/** Turns a tenant name into its ports: the customer module, the CMS directory and the contacts. */
import type { TenantBinding } from '../core/ports';
import type { ServerEnv } from '../core/report';
import { CUSTOMER_MODULES } from '../customers/index';
import { cmsDirectory } from '../adapters/cms-http';
import type { SyncSettings } from './settings';
import { tenantEntry, TenantConfigError } from './tenant-directory';
import { trimSlash } from './settings';

export function bindTenant(settings: SyncSettings, tenant: string, gatewayEnv: ServerEnv, cmsEnv: ServerEnv): TenantBinding {
  const entry = tenantEntry(settings.tenantDirectory, tenant);
  const customer = CUSTOMER_MODULES[entry.customer];
  if (!customer) throw new TenantConfigError(`tenant ${tenant}: no customer module named ${entry.customer} (known: ${Object.keys(CUSTOMER_MODULES).join(', ')})`);
  const baseUrl = trimSlash(entry.gateway[gatewayEnv]);
  if (!baseUrl) throw new TenantConfigError(`tenant ${tenant}: no ${gatewayEnv} gateway URL`);
  const cmsBaseUrl = settings.cmsBaseUrl[cmsEnv];
  if (!cmsBaseUrl) throw new TenantConfigError(`no CMS base URL for ${cmsEnv} (CMS_BASE_URL_${cmsEnv.toUpperCase()})`);
  return {
    source: customer({ baseUrl, credentials: entry.credentials, timeoutMs: settings.gatewayTimeoutMs }),
    directory: cmsDirectory(cmsBaseUrl, tenant, settings.cmsTimeoutMs),
    contacts: entry.contacts,
  };
}

export function contactsOf(settings: SyncSettings, tenant: string) {
  try {
    return tenantEntry(settings.tenantDirectory, tenant).contacts;
  } catch {
    return undefined;
  }
}
