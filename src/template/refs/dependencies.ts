import type { RawResource } from '../raw-resources';
import type { ConditionLookup } from '../scope';

/**
 * CloudFormation rejects templates whose resources depend on each other in a loop
 * ("Circular dependency between resources: [A, B]"). Dependencies are Ref, Fn::GetAtt, Fn::Sub
 * names and DependsOn. A SAM function's Events are left out: SAM turns them into separate
 * resources (permissions, mappings), so an API that names the function and an event that names
 * the API do not form a loop.
 */
export function findDependencyCycle(resources: RawResource[], conditions: ConditionLookup): string[] | undefined {
  const active = new Map(resources.filter((r) => r.active).map((r) => [r.logicalId, r]));
  const edges = new Map<string, string[]>();
  for (const resource of active.values()) {
    const found = new Set<string>(resource.dependsOn);
    const properties = resource.type === 'AWS::Serverless::Function' ? { ...resource.properties, Events: undefined } : resource.properties;
    collectReferences(properties, conditions, found);
    edges.set(resource.logicalId, [...found].filter((id) => active.has(id)));
  }
  return firstCycle(edges);
}

function firstCycle(edges: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id))];
    state.set(id, 'visiting');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function collectReferences(value: unknown, conditions: ConditionLookup, found: Set<string>): void {
  if (Array.isArray(value)) return value.forEach((item) => collectReferences(item, conditions, found));
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === 'Ref' && typeof record.Ref === 'string') found.add(record.Ref);
  else if (only === 'Fn::GetAtt') addGetAtt(record['Fn::GetAtt'], found);
  else if (only === 'Fn::Sub') addSub(record['Fn::Sub'], conditions, found);
  else if (only === 'Fn::If' && Array.isArray(record['Fn::If'])) addIf(record['Fn::If'], conditions, found);
  else keys.forEach((key) => collectReferences(record[key], conditions, found));
}

function addGetAtt(args: unknown, found: Set<string>): void {
  if (Array.isArray(args) && typeof args[0] === 'string') found.add(args[0]);
  else if (typeof args === 'string') found.add(args.split('.')[0]!);
}

function addSub(args: unknown, conditions: ConditionLookup, found: Set<string>): void {
  const [text, variables] = Array.isArray(args) ? args : [args, {}];
  if (typeof text !== 'string') return;
  const local = variables && typeof variables === 'object' ? Object.keys(variables) : [];
  for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
    const name = match[1]!.trim().split('.')[0]!;
    if (!local.includes(match[1]!.trim())) found.add(name);
  }
  collectReferences(variables, conditions, found);
}

/** Only the branch Fn::If takes counts; an undecidable condition counts both. */
function addIf(args: unknown[], conditions: ConditionLookup, found: Set<string>): void {
  const [name, whenTrue, whenFalse] = args;
  let chosen: boolean | undefined;
  try {
    chosen = typeof name === 'string' && conditions.has(name) ? conditions.evaluate(name, []) : undefined;
  } catch {
    chosen = undefined;
  }
  if (chosen !== false) collectReferences(whenTrue, conditions, found);
  if (chosen !== true) collectReferences(whenFalse, conditions, found);
}
