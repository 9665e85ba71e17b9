/** Subscription attribute FilterPolicyScope; MessageAttributes is the default. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';
export const DEFAULT_FILTER_POLICY_SCOPE: FilterPolicyScope = 'MessageAttributes';
