/** Reading, writing and removing document paths (`a.b[2].c`) in items. Writes copy; nothing is changed in place. */
import type { AttributeValue, Item } from '../attribute-values';
import { validation } from '../errors';
import type { DocPath } from './names';

export function getPath(item: Item, path: DocPath): AttributeValue | undefined {
  let current: AttributeValue | undefined = item[path[0] as string];
  for (let i = 1; i < path.length && current; i++) {
    const e = path[i];
    if (typeof e === 'number') current = 'L' in current ? current.L[e] : undefined;
    else current = 'M' in current ? current.M[e] : undefined;
  }
  return current;
}

const invalidForUpdate = () => validation('The document path provided in the update expression is invalid for update');

/** Sets the value at `path` (a list index past the end appends), returning the new item. */
export function setPath(item: Item, path: DocPath, value: AttributeValue): Item {
  const [head, ...rest] = path;
  if (typeof head !== 'string') throw invalidForUpdate();
  if (rest.length === 0) return { ...item, [head]: value };
  const parent = item[head];
  if (!parent) throw invalidForUpdate();
  return { ...item, [head]: setIn(parent, rest, value) };
}

function setIn(container: AttributeValue, path: DocPath, value: AttributeValue): AttributeValue {
  const [e, ...rest] = path;
  if (typeof e === 'number') {
    if (!('L' in container)) throw invalidForUpdate();
    const list = [...container.L];
    if (rest.length === 0) {
      if (e >= list.length) list.push(value);
      else list[e] = value;
    } else {
      if (e >= list.length) throw invalidForUpdate();
      list[e] = setIn(list[e], rest, value);
    }
    return { L: list };
  }
  if (!('M' in container)) throw invalidForUpdate();
  const map = { ...container.M };
  if (rest.length === 0) map[e] = value;
  else {
    if (!map[e]) throw invalidForUpdate();
    map[e] = setIn(map[e], rest, value);
  }
  return { M: map };
}

/** Removes `path` if present (list elements after it shift down). */
export function removePath(item: Item, path: DocPath): Item {
  const [head, ...rest] = path;
  if (typeof head !== 'string') throw invalidForUpdate();
  if (rest.length === 0) {
    const { [head]: _, ...others } = item;
    return others;
  }
  const parent = item[head];
  if (!parent) return item;
  const changed = removeIn(parent, rest);
  return changed === parent ? item : { ...item, [head]: changed };
}

function removeIn(container: AttributeValue, path: DocPath): AttributeValue {
  const [e, ...rest] = path;
  if (typeof e === 'number') {
    if (!('L' in container)) throw invalidForUpdate();
    if (e >= container.L.length) return container;
    const list = [...container.L];
    if (rest.length === 0) list.splice(e, 1);
    else list[e] = removeIn(list[e], rest);
    return { L: list };
  }
  if (!('M' in container)) throw invalidForUpdate();
  if (!(e in container.M)) return container;
  const map = { ...container.M };
  if (rest.length === 0) delete map[e];
  else map[e] = removeIn(map[e], rest);
  return { M: map };
}
