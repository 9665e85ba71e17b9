import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { TemplatePath } from './paths';
import type { PositionIndex, SourcePosition } from './positions';
import { longFormKey } from './tags';

/** Raised while converting; parse.ts turns it into a located TemplateError. */
export class ConversionProblem extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition | undefined,
    readonly path: TemplatePath,
  ) {
    super(message);
  }
}

/**
 * Converts the yaml AST into plain JSON-like values, with short-form tags turned into their long
 * form, while recording where every value and key sits in the file.
 */
export class PlainConverter {
  constructor(
    private readonly source: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly positions: PositionIndex,
  ) {}

  convert(node: unknown, path: TemplatePath): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.convert(node.resolve(this.doc), path);
    const yamlNode = node as Node;
    const position = this.positionOf(yamlNode);
    if (position) this.positions.setValue(path, position);
    const tag = yamlNode.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) return this.convertTagged(yamlNode, tag, path, position);
    return this.convertUntagged(yamlNode, path);
  }

  private convertTagged(node: Node, tag: string, path: TemplatePath, position?: SourcePosition): unknown {
    const key = longFormKey(tag);
    if (!key) throw new ConversionProblem(`unknown tag ${tag} (not a CloudFormation intrinsic function)`, position, path);
    const innerPath = [...path, key];
    if (position) this.positions.setValue(innerPath, position);
    let inner = this.convertUntagged(node, innerPath);
    // `!GetAtt Res.Attr` splits at the first dot only: attribute names may contain dots.
    if (key === 'Fn::GetAtt' && typeof inner === 'string') {
      const dot = inner.indexOf('.');
      inner = dot < 0 ? [inner] : [inner.slice(0, dot), inner.slice(dot + 1)];
    }
    return { [key]: inner ?? '' };
  }

  private convertUntagged(node: Node, path: TemplatePath): unknown {
    if (isMap(node)) {
      const result: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = this.keyText(pair.key, path);
        const keyPosition = this.positionOf(pair.key as Node);
        if (keyPosition) this.positions.setKey([...path, key], keyPosition);
        Object.defineProperty(result, key, {
          value: this.convert(pair.value, [...path, key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    if (isSeq(node)) return node.items.map((item, index) => this.convert(item, [...path, index]));
    if (isScalar(node)) return node.value;
    return null;
  }

  private keyText(key: unknown, path: TemplatePath): string {
    if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) {
      return String(key.value);
    }
    throw new ConversionProblem('mapping keys must be plain strings', this.positionOf(key as Node), path);
  }

  /** Start of the node, or of its tag when it has one (`!Ref` rather than the name after it). */
  private positionOf(node: Node | null | undefined): SourcePosition | undefined {
    const start = node?.range?.[0];
    if (start === undefined) return undefined;
    let offset = start;
    const tag = node!.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
      const tagStart = this.source.lastIndexOf(tag, start);
      if (tagStart >= 0 && /^\s*$/.test(this.source.slice(tagStart + tag.length, start))) offset = tagStart;
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }
}
