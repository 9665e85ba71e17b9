/** What a run produced, per tenant: the input of the Teams summary, the failure mails and the logs. */
import type { RejectedRow } from './employee';

export type ServerEnv = 'dv' | 'pr';
export type TenantOutcome = 'synced' | 'synced-with-rejections' | 'failed';

export interface FailureDetail {
  message: string;
  /** For developers only: never shown to business or customer contacts. */
  stack?: string;
}

export interface WriteFailure extends FailureDetail {
  employeeNo: string;
  action: 'create' | 'update' | 'delete';
}

export interface TenantResult {
  tenant: string;
  gatewayEnv: ServerEnv;
  outcome: TenantOutcome;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** Set when the tenant could not be synced at all (gateway down, malformed export, CMS unreachable). */
  failure?: FailureDetail;
  writeFailures: WriteFailure[];
  durationMs: number;
}

export interface RunReport {
  cmsEnv: ServerEnv;
  startedAt: string;
  durationMs: number;
  tenants: TenantResult[];
}

export function failureOf(err: unknown): FailureDetail {
  if (err instanceof Error) return { message: err.message, stack: err.stack };
  return { message: String(err) };
}

export function needsAttention(result: TenantResult): boolean {
  return result.outcome !== 'synced';
}
