/**
 * Custom domains and their API mappings, from the template:
 * - SAM `Domain: {DomainName, BasePath: [..]}` on an Api or HttpApi (BasePath defaults to `/`,
 *   the root; "DomainConfiguration" / "HttpApiDomainConfiguration" in the SAM reference);
 * - `AWS::ApiGateway::DomainName` + `AWS::ApiGateway::BasePathMapping` {DomainName, RestApiId,
 *   BasePath (empty or "(none)": the root), Stage};
 * - `AWS::ApiGatewayV2::DomainName` + `AWS::ApiGatewayV2::ApiMapping` {DomainName, ApiId,
 *   ApiMappingKey — several levels allowed, `v1/orders` —, Stage}.
 * A mapping's DomainName may be the name itself or a Ref to the DomainName resource.
 */
import type { ApiSpec, ResolvedResource } from '../../../template/model';
import { apiResolver } from '../auth/usage-plans';

export interface ApiMapping {
  /** Segments of the base path without slashes: [] for the root, ["v1", "orders"]. */
  basePath: string[];
  apiLogicalId: string;
}

export interface DomainSpec {
  name: string;
  mappings: ApiMapping[];
}

const asRecord = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function readDomains(apis: ApiSpec[], resources: Record<string, ResolvedResource>, warn: (m: string) => void): DomainSpec[] {
  const domains = new Map<string, DomainSpec>();
  const nameById = new Map<string, string>();
  const domainOf = (name: string) => {
    let domain = domains.get(name);
    if (!domain) domains.set(name, (domain = { name, mappings: [] }));
    return domain;
  };
  const apiOf = apiResolver(apis);
  for (const api of apis) {
    const spec = asRecord(api.domain);
    if (!spec || typeof spec.DomainName !== 'string') continue;
    const basePaths = spec.BasePath === undefined ? ['/'] : Array.isArray(spec.BasePath) ? spec.BasePath.map(String) : [String(spec.BasePath)];
    for (const basePath of basePaths) addMapping(domainOf(spec.DomainName), basePath, api.logicalId, warn);
  }
  for (const r of Object.values(resources)) {
    if ((r.type === 'AWS::ApiGateway::DomainName' || r.type === 'AWS::ApiGatewayV2::DomainName') && typeof r.properties.DomainName === 'string') {
      nameById.set(r.logicalId, r.properties.DomainName);
      domainOf(r.properties.DomainName);
    }
  }
  for (const r of Object.values(resources)) {
    const v1 = r.type === 'AWS::ApiGateway::BasePathMapping';
    if (!v1 && r.type !== 'AWS::ApiGatewayV2::ApiMapping') continue;
    const rawDomain = String(r.properties.DomainName ?? '');
    const name = nameById.get(rawDomain) ?? rawDomain;
    const api = apiOf(v1 ? r.properties.RestApiId : r.properties.ApiId);
    if (!name || !api) {
      warn(`${r.logicalId}: ${r.type} names a domain or API that is not in this template; it is not served`);
      continue;
    }
    addMapping(domainOf(name), String((v1 ? r.properties.BasePath : r.properties.ApiMappingKey) ?? ''), api, warn);
  }
  return [...domains.values()].filter((d) => d.mappings.length > 0);
}

function addMapping(domain: DomainSpec, basePath: string, apiLogicalId: string, warn: (m: string) => void): void {
  const trimmed = basePath.trim();
  const segments = trimmed === '(none)' ? [] : trimmed.split('/').filter((s) => s !== '');
  if (domain.mappings.some((m) => m.basePath.join('/') === segments.join('/'))) {
    warn(`${domain.name}: base path "${segments.join('/') || '(none)'}" is mapped twice; the first mapping is served`);
    return;
  }
  domain.mappings.push({ basePath: segments, apiLogicalId });
}
