/**
 * API keys and usage plans of REST APIs, read from the template:
 * - SAM `Auth.UsagePlan` on an Api: CreateUsagePlan PER_API (key `<Api>ApiKey`, plan
 *   `<Api>UsagePlan`), SHARED (`ServerlessApiKey` / `ServerlessUsagePlan` for every such API)
 *   or NONE, with Quota and Throttle ("ApiUsagePlan" in the SAM reference); SAM's keys are
 *   enabled.
 * - `AWS::ApiGateway::ApiKey` {Value, Enabled — CloudFormation's default is false —, Name},
 *   `AWS::ApiGateway::UsagePlan` {ApiStages, Quota, Throttle}, `AWS::ApiGateway::UsagePlanKey`
 *   {KeyId, UsagePlanId}.
 * A key without a Value gets a generated 40-character value, stable for the same template.
 */
import type { ApiSpec, ResolvedResource } from '../../../template/model';
import { createHash } from 'node:crypto';
import { deterministicId } from '../../../template/refs/ids';

export interface ApiKey {
  /** Logical id: what `apiKeyId` shows. */
  id: string;
  name: string;
  value: string;
  enabled: boolean;
  generated: boolean;
}

export interface UsagePlan {
  id: string;
  /** API logical id → stage (undefined: any stage). */
  stages: { apiLogicalId: string; stage?: string }[];
  keyIds: Set<string>;
  throttle?: { rateLimit: number; burstLimit: number };
  quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' };
}

export interface KeyRegistry {
  keys: ApiKey[];
  plans: UsagePlan[];
}

const asRecord = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function readKeyRegistry(apis: ApiSpec[], resources: Record<string, ResolvedResource>): KeyRegistry {
  const keys = new Map<string, ApiKey>();
  const plans = new Map<string, UsagePlan>();
  const apiIdOf = apiResolver(apis);
  for (const r of Object.values(resources)) {
    if (r.type === 'AWS::ApiGateway::ApiKey') {
      const value = typeof r.properties.Value === 'string' ? r.properties.Value : undefined;
      keys.set(r.logicalId, {
        id: r.logicalId,
        name: typeof r.properties.Name === 'string' ? r.properties.Name : r.logicalId,
        value: value ?? generatedValue(r.logicalId),
        enabled: r.properties.Enabled === true || r.properties.Enabled === 'true',
        generated: value === undefined,
      });
    } else if (r.type === 'AWS::ApiGateway::UsagePlan') {
      const stages = (Array.isArray(r.properties.ApiStages) ? r.properties.ApiStages : []).flatMap((s) => {
        const stage = asRecord(s);
        const api = stage ? apiIdOf(stage.ApiId) : undefined;
        return api ? [{ apiLogicalId: api, stage: typeof stage!.Stage === 'string' ? stage!.Stage : undefined }] : [];
      });
      plans.set(r.logicalId, { id: r.logicalId, stages, keyIds: new Set(), ...limits(r.properties) });
    }
  }
  for (const r of Object.values(resources)) {
    if (r.type !== 'AWS::ApiGateway::UsagePlanKey') continue;
    const plan = plans.get(String(r.properties.UsagePlanId));
    if (plan) plan.keyIds.add(String(r.properties.KeyId));
  }
  for (const api of apis) samUsagePlan(api, keys, plans);
  return { keys: [...keys.values()], plans: [...plans.values()] };
}

/** SAM's generated key, plan and plan key for `Auth.UsagePlan`. */
function samUsagePlan(api: ApiSpec, keys: Map<string, ApiKey>, plans: Map<string, UsagePlan>): void {
  const spec = asRecord(asRecord(api.auth)?.UsagePlan);
  if (!spec || api.kind !== 'rest') return;
  const mode = String(spec.CreateUsagePlan ?? 'NONE').toUpperCase();
  if (mode !== 'PER_API' && mode !== 'SHARED') return;
  const prefix = mode === 'SHARED' ? 'Serverless' : api.logicalId;
  const keyId = `${prefix}ApiKey`;
  if (!keys.has(keyId)) keys.set(keyId, { id: keyId, name: keyId, value: generatedValue(keyId), enabled: true, generated: true });
  const planId = `${prefix}UsagePlan`;
  let plan = plans.get(planId);
  if (!plan) {
    plan = { id: planId, stages: [], keyIds: new Set([keyId]), ...limits(spec) };
    plans.set(planId, plan);
  }
  plan.stages.push({ apiLogicalId: api.logicalId, stage: api.stageName });
}

function limits(props: Record<string, unknown>): Pick<UsagePlan, 'throttle' | 'quota'> {
  const out: Pick<UsagePlan, 'throttle' | 'quota'> = {};
  const throttle = asRecord(props.Throttle);
  if (throttle) out.throttle = { rateLimit: Number(throttle.RateLimit ?? Infinity), burstLimit: Number(throttle.BurstLimit ?? Infinity) };
  const quota = asRecord(props.Quota);
  if (quota && quota.Limit !== undefined) {
    const period = String(quota.Period ?? 'DAY').toUpperCase();
    out.quota = { limit: Number(quota.Limit), period: period === 'WEEK' || period === 'MONTH' ? period : 'DAY' };
  }
  return out;
}

/** `!Ref MyApi` resolves to the API's id (deterministicId of its logical id) or its name. */
function apiResolver(apis: ApiSpec[]): (ref: unknown) => string | undefined {
  const byRef = new Map<string, string>();
  for (const api of apis) {
    byRef.set(api.logicalId, api.logicalId);
    byRef.set(deterministicId(api.logicalId), api.logicalId);
  }
  return (ref) => (typeof ref === 'string' ? byRef.get(ref) : undefined);
}

/** API Gateway generates 40 alphanumerics; Stratus derives them so restarts keep the value. */
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function generatedValue(logicalId: string): string {
  const bytes = createHash('sha512').update(`api-key/${logicalId}`).digest();
  let value = '';
  for (let i = 0; i < 40; i++) value += KEY_ALPHABET[bytes[i] % KEY_ALPHABET.length];
  return value;
}

export { apiResolver };
