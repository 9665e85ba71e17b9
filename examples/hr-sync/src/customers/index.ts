/**
 * The customer registry: a tenant directory entry names one of these modules. Adding a customer
 * is writing its module (fetch + convert only) and adding one line here.
 */
import type { CustomerModule } from './support/customer-module';
import { hanbit } from './hanbit';
import { saebyeok } from './saebyeok';

export const CUSTOMER_MODULES: Readonly<Record<string, CustomerModule>> = {
  hanbit,
  saebyeok,
};

export type { CustomerModule, GatewaySettings } from './support/customer-module';
