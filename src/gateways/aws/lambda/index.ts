/**
 * Lambda over REST-JSON (Lambda API Reference, API version 2015-03-31): Invoke, ListFunctions,
 * GetFunction, GetFunctionConfiguration, for the template's functions.
 *
 * Not done yet: InvocationType Event (asynchronous invocation) needs the durable async queue; until
 * it is wired in (`invokeAsync`), Event answers InvalidParameterValueException saying so.
 * Versions, aliases, function URLs and the management API (Create/Update/Delete…) are not served.
 * GetFunction has no Code.Location (there is no zip to download). Differs on purpose: CodeSize is
 * 0 and CodeSha256 is derived from the code folder's path.
 */
import type { FunctionSpec, LayerSpec } from '../../../template/model';
import type { InvokeOptions, InvokeOutcome } from '../../../services/functions/types';
import type { AwsErrorData } from '../errors';
import type { AwsServiceAdapter, RestRequest } from '../service';
import { functionConfiguration, type ConfigurationContext } from './configuration';
import { invoke } from './invoke';
import { resolveFunction } from './resolve';
import { listFunctions } from './list';

export interface LambdaBackend {
  /** Where the functions live: their ARNs' region and account. */
  home: { region: string; accountId: string };
  list(): FunctionSpec[];
  find(name: string): FunctionSpec | undefined;
  arnOf(spec: FunctionSpec): string;
  invoke(name: string, payload: string, options?: InvokeOptions): Promise<InvokeOutcome>;
  /** Queues an asynchronous invocation (InvocationType Event); absent until the async queue exists. */
  invokeAsync?(name: string, payload: string): Promise<void>;
}

export interface LambdaServiceOptions {
  backend: LambdaBackend;
  layers?: LayerSpec[];
  /** The functions' LastModified (epoch ms). */
  startedAt: number;
}

const BASE = '/2015-03-31/functions';

export function lambdaService(options: LambdaServiceOptions): AwsServiceAdapter {
  const { backend } = options;
  const configCtx: ConfigurationContext = {
    ...backend.home,
    arnOf: (spec) => backend.arnOf(spec),
    layers: options.layers ?? [],
    startedAt: options.startedAt,
  };
  const configurationOf = (req: RestRequest) =>
    functionConfiguration(resolveFunction(backend, req.params.FunctionName, req.query.get('Qualifier')), configCtx);
  return {
    signingName: 'lambda',
    title: 'Lambda',
    tooLargeCode: 'RequestTooLargeException',
    rest: {
      errorBody: lambdaErrorBody,
      routes: [
        { method: 'POST', path: `${BASE}/{FunctionName}/invocations`, operation: 'Invoke', handle: (req) => invoke(backend, req) },
        { method: 'GET', path: `${BASE}`, operation: 'ListFunctions', handle: (req) => ({ body: listFunctions(backend, req.query, configCtx) }) },
        { method: 'GET', path: `${BASE}/{FunctionName}/configuration`, operation: 'GetFunctionConfiguration', handle: (req) => ({ body: configurationOf(req) }) },
        {
          method: 'GET',
          path: `${BASE}/{FunctionName}`,
          operation: 'GetFunction',
          handle: (req) => ({ body: { Configuration: configurationOf(req), Code: { RepositoryType: 'S3' }, Tags: {} } }),
        },
      ],
    },
  };
}

/** Lambda's error body: `{"Type": "User" | "Service", "Message": …}` next to `x-amzn-ErrorType`. */
function lambdaErrorBody(err: AwsErrorData): Record<string, unknown> {
  return { Type: err.senderFault ? 'User' : 'Service', Message: err.message };
}
