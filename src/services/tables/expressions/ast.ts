/** The syntax trees the grammar (grammar.ts) builds. Paths and values are still unresolved. */
export type PathElement = { name: string } | { alias: string } | { index: number };

export interface PathNode {
  type: 'path';
  elements: PathElement[];
}

export interface ValueNode {
  type: 'value';
  ref: string;
}

export interface SizeNode {
  type: 'size';
  path: PathNode;
}

export type Operand = PathNode | ValueNode | SizeNode;

export type Condition =
  | { type: 'or' | 'and'; left: Condition; right: Condition }
  | { type: 'not'; condition: Condition }
  | { type: 'between'; value: Operand; low: Operand; high: Operand }
  | { type: 'in'; value: Operand; list: Operand[] }
  | { type: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { type: 'function'; name: ConditionFunctionName; args: Operand[] };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ConditionFunctionName = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type SetValue =
  | PathNode
  | ValueNode
  | { type: 'plus' | 'minus'; left: SetValue; right: SetValue }
  | { type: 'if_not_exists'; path: PathNode; value: SetValue }
  | { type: 'list_append'; left: SetValue; right: SetValue };

export type UpdateClause =
  | { type: 'SET'; actions: { path: PathNode; value: SetValue }[] }
  | { type: 'REMOVE'; actions: { path: PathNode }[] }
  | { type: 'ADD' | 'DELETE'; actions: { path: PathNode; value: ValueNode }[] };
