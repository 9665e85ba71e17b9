export { compileTree, OR_KEYWORD, type PatternNode, type FieldRule } from './tree';
export { matchesNode } from './evaluate';
export { FilterSyntaxError, isPlainObject, type Dialect, type LeafValue } from './types';
