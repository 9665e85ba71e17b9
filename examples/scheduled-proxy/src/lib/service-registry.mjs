/**
 * Service name → base URL for this stage. The template fills one variable per service
 * (SERVICE_URL_<NAME>, from its ServiceRegistry mapping keyed by Stage), so adding a service is one
 * mapping line per stage and one variable.
 */
export class UnknownServiceError extends Error {}

export function serviceBaseUrl(service, env = process.env) {
  const variable = `SERVICE_URL_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const url = env[variable];
  if (!url) throw new UnknownServiceError(`unknown service "${service}": ${variable} is not set for stage ${env.STAGE ?? '?'}`);
  return url.replace(/\/+$/, '');
}
