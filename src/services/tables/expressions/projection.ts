/**
 * Projection expressions: the attributes (and nested elements) a read returns. Selected list
 * elements come back as a list of just those elements, in index order, as DynamoDB returns them.
 */
import type { AttributeValue, Item } from '../attribute-values';
import type { DocPath } from './names';
import { getPath } from './paths';

/** A tree of what was picked: list nodes keep indexes until the end. */
type Node = { value: AttributeValue } | { map: Map<string, Node> } | { list: Map<number, Node> };

export function project(item: Item, paths: DocPath[]): Item {
  const root = new Map<string, Node>();
  for (const path of paths) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    insert(root, path, value);
  }
  const out: Item = {};
  for (const [k, node] of root) out[k] = build(node);
  return out;
}

function insert(root: Map<string, Node>, path: DocPath, value: AttributeValue): void {
  let container: Map<string | number, Node> = root as Map<string | number, Node>;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (i === path.length - 1) {
      container.set(key, { value });
      return;
    }
    const nextIsIndex = typeof path[i + 1] === 'number';
    let node = container.get(key);
    if (!node || 'value' in node) {
      node = nextIsIndex ? { list: new Map() } : { map: new Map() };
      container.set(key, node);
    }
    container = ('list' in node ? node.list : node.map) as Map<string | number, Node>;
  }
}

function build(node: Node): AttributeValue {
  if ('value' in node) return node.value;
  if ('map' in node) return { M: Object.fromEntries([...node.map].map(([k, n]) => [k, build(n)])) };
  return { L: [...node.list].sort(([a], [b]) => a - b).map(([, n]) => build(n)) };
}
