export { compileFilterPolicy, type FilterPolicy, type SnsMessage } from './compile';
export { FilterPolicyError } from './errors';
export { type FilterPolicyScope, DEFAULT_FILTER_POLICY_SCOPE } from './scope';
export { type MessageAttribute } from './attributes';
export { SNS_DIALECT } from './dialect';
export { MAX_POLICY_KEYS, MAX_POLICY_COMBINATIONS, MAX_POLICY_BYTES } from './limits';
