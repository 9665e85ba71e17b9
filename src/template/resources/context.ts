import type { LayerSpec } from '../model';
import type { PathSegment } from '../parse/paths';
import type { RawResource } from '../raw-resources';
import type { RefResolver } from '../refs/resolver';
import type { Scope } from '../scope';
import { describe } from '../intrinsics/call';

/** What every resource builder needs besides the resource itself. */
export interface BuildEnvironment {
  scope: Scope;
  refs: RefResolver;
  baseDir: string;
  /** `.stratus` beside the template: inline code is written under it. */
  stateDir: string;
  /** False for validate, which must not write files. */
  writeInlineCode: boolean;
  /** Layers of this template by the ARN their Ref gives, to map function Layers back. */
  layersByArn: Map<string, LayerSpec>;
  /** Logical id → type, for event RestApiId/ApiId checks. */
  typesById: Map<string, string>;
}

/** One resource being turned into the model: its resolved properties and typed accessors. */
export class ResourceContext {
  constructor(
    readonly env: BuildEnvironment,
    readonly raw: RawResource,
    readonly properties: Record<string, unknown>,
  ) {}

  get logicalId(): string {
    return this.raw.logicalId;
  }

  fail(message: string, subPath: PathSegment[] = [], at: 'value' | 'key' = 'value'): Error {
    const path = subPath.length ? ['Resources', this.logicalId, 'Properties', ...subPath] : ['Resources', this.logicalId];
    return this.env.scope.locator.error(message, path, at);
  }

  warn(message: string): void {
    this.env.scope.sink.warn(message);
  }

  optionalString(name: string): string | undefined {
    const value = this.properties[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.fail(`${name} must be a string, got ${describe(value)}`, [name]);
  }

  requiredString(name: string, why = ''): string {
    const value = this.optionalString(name);
    if (value === undefined || value === '') throw this.fail(`${name} is required${why}`);
    return value;
  }

  /** Numbers may arrive as strings (a Ref to a Number parameter is a string). */
  optionalNumber(name: string, range?: { min: number; max: number; unit?: string }): number | undefined {
    const value = this.properties[name];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw this.fail(`${name} must be a number, got ${describe(value)}`, [name]);
    if (range && (number < range.min || number > range.max)) {
      throw this.fail(`${name} must be between ${range.min} and ${range.max}${range.unit ? ` ${range.unit}` : ''}, got ${number}`, [name]);
    }
    return number;
  }

  optionalStringList(name: string): string[] | undefined {
    const value = this.properties[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.fail(`${name} must be a list, got ${describe(value)}`, [name]);
    return value.map((item, index) => {
      if (typeof item === 'string') return item;
      throw this.fail(`${name} items must be strings, got ${describe(item)}`, [name, index]);
    });
  }
}
