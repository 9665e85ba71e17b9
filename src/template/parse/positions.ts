import { pathKey, type TemplatePath } from './paths';

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * Where each node of the template sits in the file. Lookups climb to the nearest ancestor that
 * has a position, and follow aliases: a property that came from `Globals` points at Globals.
 */
export class PositionIndex {
  private readonly values = new Map<string, SourcePosition>();
  private readonly keys = new Map<string, SourcePosition>();
  private readonly aliases = new Map<string, TemplatePath>();

  setValue(path: TemplatePath, position: SourcePosition): void {
    this.values.set(pathKey(path), position);
  }

  setKey(path: TemplatePath, position: SourcePosition): void {
    this.keys.set(pathKey(path), position);
  }

  /** Positions under `from` are looked up under `to` instead (Globals merged into a resource). */
  alias(from: TemplatePath, to: TemplatePath): void {
    this.aliases.set(pathKey(from), to);
  }

  /** Position of the value at `path`, or of its nearest located ancestor. */
  valueOf(path: TemplatePath): SourcePosition | undefined {
    return this.lookup(path, this.values);
  }

  /** Position of the key that names `path` (e.g. the `MyFunction:` line), else of its value. */
  keyOf(path: TemplatePath): SourcePosition | undefined {
    return this.lookup(path, this.keys) ?? this.valueOf(path);
  }

  private lookup(path: TemplatePath, table: Map<string, SourcePosition>, depth = 0): SourcePosition | undefined {
    for (let length = path.length; length >= 0; length--) {
      const prefix = path.slice(0, length);
      const key = pathKey(prefix);
      const target = this.aliases.get(key);
      if (target && depth < 8) return this.lookup([...target, ...path.slice(length)], table, depth + 1);
      const found = table.get(key);
      if (found) return found;
    }
    return undefined;
  }
}
