/**
 * The AWS services the edge port serves: the one list to extend when a service is added (write
 * its adapter — see service.ts — and add it here). Wired only by the composition root.
 */
import type { Clock } from '../../shared/clock';
import type { LayerSpec } from '../../template/model';
import type { LogStore } from '../../engine/types';
import type { LogService } from '../../services/logs';
import type { EdgeHandler } from '../edge/server';
import type { AwsServiceAdapter } from './service';
import type { AuthConfig } from './auth';
import { createAwsEdgeHandler } from './handler';
import { stsService } from './sts';
import { lambdaService, type LambdaBackend } from './lambda';
import { logsService } from './logs';
import { resolveRequest } from './routing';
import { s3EdgeHandler } from './s3';
import type { BucketService } from '../../services/buckets';

export interface AwsEndpointDeps {
  region: string;
  accountId: string;
  clock: Clock;
  functions: Omit<LambdaBackend, 'home'>;
  layers: LayerSpec[];
  logs: LogService;
  logStore: LogStore;
  auth?: AuthConfig;
  /** Services built elsewhere (queues, topics, buses, mail) that plug into the same port. */
  extraServices?: AwsServiceAdapter[];
  /** S3 (streamed, so served by its own handler, tried first). */
  buckets?: BucketService;
}

export function awsServices(deps: AwsEndpointDeps): AwsServiceAdapter[] {
  const home = { region: deps.region, accountId: deps.accountId };
  const backend: LambdaBackend = {
    home,
    list: () => deps.functions.list(),
    find: (name) => deps.functions.find(name),
    arnOf: (spec) => deps.functions.arnOf(spec),
    invoke: (name, payload, options) => deps.functions.invoke(name, payload, options),
    invokeAsync: deps.functions.invokeAsync?.bind(deps.functions),
  };
  return [
    stsService(),
    lambdaService({ backend, layers: deps.layers, startedAt: deps.clock.now() }),
    logsService({ logs: deps.logs, store: deps.logStore, clock: deps.clock, ...home }),
    ...(deps.extraServices ?? []),
  ];
}

/** The edge handler serving every AWS service above (S3 first: it claims its requests before any body is read). */
export function awsEndpoints(deps: AwsEndpointDeps): EdgeHandler {
  const services = awsServices(deps);
  const generic = createAwsEdgeHandler({ services, region: deps.region, accountId: deps.accountId, clock: deps.clock, auth: deps.auth });
  if (!deps.buckets) return generic;
  const s3 = s3EdgeHandler({
    service: deps.buckets,
    clock: deps.clock,
    auth: deps.auth,
    claimedElsewhere: (head) => resolveRequest(head, services).protocol !== 'unknown',
  });
  return async (req, res) => (await s3(req, res)) || generic(req, res);
}
