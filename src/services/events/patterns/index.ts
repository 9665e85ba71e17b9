export { compileEventPattern, MAX_EVENT_PATTERN_LENGTH, type EventPattern } from './compile';
export { testEventPattern, MANDATORY_EVENT_FIELDS } from './test-event-pattern';
export { EventPatternError } from './errors';
export { EVENTBRIDGE_DIALECT } from './dialect';
export { shapeTargetInput, validateTargetInput, type TargetInput, type TargetInputContext } from './input';
export { TargetInputError } from './input/errors';
