/**
 * PutTargets limits (EventBridge API Reference: Target, InputTransformer):
 * Input ≤ 8192 characters, InputPath ≤ 256, at most 100 InputPathsMap entries whose keys match
 * [A-Za-z0-9_-]+ (1–256 characters) and whose paths are ≤ 256 characters, InputTemplate 1–8192.
 */
export const MAX_INPUT_LENGTH = 8192;
export const MAX_INPUT_PATH_LENGTH = 256;
export const MAX_INPUT_PATHS = 100;
export const MAX_INPUT_PATHS_KEY_LENGTH = 256;
export const INPUT_PATHS_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_INPUT_TEMPLATE_LENGTH = 8192;
