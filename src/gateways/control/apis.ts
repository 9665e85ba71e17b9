import type { ControlRoute } from './api';

/** What `GET apis` shows: the app's APIs, custom domains and API keys (generated values too). */
export interface ApiOverview {
  apis: { logicalId: string; kind: string; url: string }[];
  domains: { name: string; url: string; mappings: { basePath: string; api: string }[] }[];
  apiKeys: { id: string; name: string; value: string; enabled: boolean }[];
}

export interface ApiPorts {
  /** Late-bound: the APIs start after the control API. */
  apiOverview(): ApiOverview;
}

export function apiRoutes(p: ApiPorts): ControlRoute[] {
  return [{ method: 'GET', pattern: /^apis$/, run: async () => p.apiOverview() }];
}
