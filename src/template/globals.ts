import type { TemplatePath } from './parse/paths';
import type { PositionIndex } from './parse/positions';
import type { Locator } from './problems';

/**
 * The Globals section and SAM's merge rules.
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 * Primitives (and intrinsic functions, which resolve to primitives): the resource wins. Maps:
 * merged key by key, recursively (so Environment.Variables merge). Lists: concatenated, Globals
 * first. Different kinds: the resource wins.
 */
export const SUPPORTED_GLOBALS: Record<string, readonly string[]> = {
  Function: [
    'Architectures', 'AssumeRolePolicyDocument', 'AutoPublishAlias', 'AutoPublishAliasAllProperties', 'CodeSigningConfigArn',
    'CodeUri', 'DeadLetterQueue', 'DeploymentPreference', 'Description', 'Environment', 'EphemeralStorage',
    'EventInvokeConfig', 'FileSystemConfigs', 'FunctionScalingConfig', 'FunctionUrlConfig', 'Handler', 'KmsKeyArn', 'Layers',
    'LoggingConfig', 'MemorySize', 'PermissionsBoundary', 'PropagateTags', 'ProvisionedConcurrencyConfig', 'RecursiveLoop',
    'ReservedConcurrentExecutions', 'RolePath', 'Runtime', 'RuntimeManagementConfig', 'SnapStart', 'SourceKMSKeyArn', 'Tags',
    'Timeout', 'Tracing', 'VpcConfig',
  ],
  Api: [
    'AccessLogSetting', 'AlwaysDeploy', 'Auth', 'BinaryMediaTypes', 'CacheClusterEnabled', 'CacheClusterSize', 'CanarySetting',
    'Cors', 'DefinitionUri', 'Domain', 'EndpointConfiguration', 'GatewayResponses', 'MethodSettings', 'MinimumCompressionSize',
    'Name', 'OpenApiVersion', 'PropagateTags', 'TracingEnabled', 'Variables',
  ],
  HttpApi: [
    'AccessLogSettings', 'Auth', 'CorsConfiguration', 'DefaultRouteSettings', 'Domain', 'FailOnWarnings', 'PropagateTags',
    'RouteSettings', 'StageVariables', 'Tags',
  ],
  SimpleTable: ['SSESpecification'],
  StateMachine: ['PropagateTags'],
};

export type GlobalsByType = Map<string, Record<string, unknown>>;

/** Validates the section; unsupported sections or keys are errors, as in the SAM translator. */
export function readGlobals(section: unknown, locator: Locator): GlobalsByType {
  const result: GlobalsByType = new Map();
  if (section === undefined || section === null) return result;
  if (!isRecord(section)) throw locator.error("'Globals' section is invalid: it must be a mapping", ['Globals']);
  for (const [name, properties] of Object.entries(section)) {
    const supported = SUPPORTED_GLOBALS[name];
    const path = ['Globals', name];
    if (!supported) {
      throw locator.error(`'Globals' section is invalid: '${name}' is not supported; use one of ${Object.keys(SUPPORTED_GLOBALS).join(', ')}`, path, 'key');
    }
    if (!isRecord(properties)) throw locator.error(`'Globals' section is invalid: ${name} must be a mapping`, path);
    for (const key of Object.keys(properties)) {
      if (!supported.includes(key)) {
        throw locator.error(`'Globals' section is invalid: '${key}' is not a supported property of '${name}'`, [...path, key], 'key');
      }
    }
    result.set(`AWS::Serverless::${name}`, properties);
  }
  return result;
}

/**
 * Merges globals into a resource's properties. Values taken only from Globals are aliased in the
 * position index, so errors about them point into the Globals section.
 */
export function mergeGlobals(
  globals: Record<string, unknown>,
  local: Record<string, unknown>,
  globalsPath: TemplatePath,
  localPath: TemplatePath,
  positions: PositionIndex,
): Record<string, unknown> {
  return mergeMaps(globals, local, globalsPath, localPath, positions);
}

function mergeValue(globalValue: unknown, localValue: unknown, globalsPath: TemplatePath, localPath: TemplatePath, positions: PositionIndex): unknown {
  const kind = kindOf(globalValue);
  if (kind !== kindOf(localValue) || kind === 'primitive') return localValue;
  if (kind === 'list') return [...(globalValue as unknown[]), ...(localValue as unknown[])];
  return mergeMaps(globalValue as Record<string, unknown>, localValue as Record<string, unknown>, globalsPath, localPath, positions);
}

function mergeMaps(
  globalMap: Record<string, unknown>,
  localMap: Record<string, unknown>,
  globalsPath: TemplatePath,
  localPath: TemplatePath,
  positions: PositionIndex,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...globalMap };
  for (const key of Object.keys(globalMap)) {
    if (!(key in localMap)) positions.alias([...localPath, key], [...globalsPath, key]);
  }
  for (const [key, value] of Object.entries(localMap)) {
    merged[key] = key in globalMap ? mergeValue(globalMap[key], value, [...globalsPath, key], [...localPath, key], positions) : value;
  }
  return merged;
}

/** SAM treats an intrinsic function (a one-key `Ref`/`Fn::` map) as a primitive. */
function kindOf(value: unknown): 'primitive' | 'list' | 'map' {
  if (Array.isArray(value)) return 'list';
  if (!isRecord(value)) return 'primitive';
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return 'primitive';
  return 'map';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
