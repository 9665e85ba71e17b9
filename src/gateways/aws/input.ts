/**
 * Reading operation input members with the service's own validation error. JSON input arrives
 * typed; query input arrives as strings, so numbers and booleans accept their string forms too.
 */
import { AwsError } from './errors';

export type Input = Record<string, unknown>;

export class InputReader {
  constructor(
    private readonly input: Input,
    /** The service's code for a bad parameter (InvalidParameterException, ValidationException…). */
    private readonly code: string = 'ValidationException',
  ) {}

  fail(message: string): AwsError {
    return new AwsError(this.code, message);
  }

  string(name: string): string | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.fail(`1 validation error detected: Value at '${name}' must be a string.`);
    return v;
  }

  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw this.fail(`1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
    return v;
  }

  number(name: string, range?: { min?: number; max?: number }): number | undefined {
    const raw = this.input[name];
    if (raw === undefined || raw === null) return undefined;
    const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw this.fail(`1 validation error detected: Value '${String(raw)}' at '${name}' must be a number.`);
    if ((range?.min !== undefined && v < range.min) || (range?.max !== undefined && v > range.max)) {
      throw this.fail(`1 validation error detected: Value '${v}' at '${name}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`);
    }
    return v;
  }

  boolean(name: string): boolean | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw this.fail(`1 validation error detected: Value '${String(v)}' at '${name}' must be a boolean.`);
  }

  stringList(name: string, max?: number): string[] | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((item) => typeof item !== 'string')) throw this.fail(`1 validation error detected: Value at '${name}' must be a list of strings.`);
    if (max !== undefined && v.length > max) throw this.fail(`1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    return v as string[];
  }

  list(name: string): unknown[] | undefined {
    const v = this.input[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw this.fail(`1 validation error detected: Value at '${name}' must be a list.`);
    return v;
  }
}
