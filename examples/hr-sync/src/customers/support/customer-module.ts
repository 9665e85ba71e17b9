/** The shape every customer module exports: given its gateway settings, a CustomerSource. */
import type { CustomerSource } from '../../core/ports';

export interface GatewaySettings {
  /** Base URL for the environment the run asked for (dv or pr). */
  baseUrl: string;
  /** Whatever the customer's gateway needs (API key, user and password…), from the tenant directory. */
  credentials: Record<string, string>;
  timeoutMs: number;
}

export type CustomerModule = (settings: GatewaySettings) => CustomerSource;
