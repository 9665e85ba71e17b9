/**
 * The wildcards every field shares: `*`, `,` lists, `-` ranges (wrapping where the field allows),
 * and `/` increments (`a/n`, `*\/n`, `a-b/n`), as in eb-cron-expressions.html "Wildcards".
 */
import { FieldProblem } from '../errors';
import type { FieldSpec } from './fields';

export function parseList(text: string, field: FieldSpec): number[] {
  if (text === '') throw new FieldProblem(`${field.name}: empty value`);
  const values = new Set<number>();
  for (const item of text.split(',')) {
    for (const value of parseItem(item, field)) values.add(value);
  }
  return [...values].sort((a, b) => a - b);
}

function parseItem(item: string, field: FieldSpec): number[] {
  const [range, stepText, ...extra] = item.split('/');
  if (extra.length > 0) throw new FieldProblem(`${field.name}: "${item}" has more than one "/"`);
  if (stepText !== undefined && !field.steps) throw new FieldProblem(`${field.name}: "/" is not allowed in this field`);
  const step = stepText === undefined ? 1 : parseStep(stepText, item, field);
  const [from, to] = parseRange(range, stepText !== undefined, item, field);
  return walk(from, to, step, field);
}

function parseRange(range: string, stepped: boolean, item: string, field: FieldSpec): [number, number] {
  if (range === '*') return [field.min, field.max];
  const bounds = range.split('-');
  if (bounds.length > 2) throw new FieldProblem(`${field.name}: "${item}" is not a value or a range`);
  const from = parseValue(bounds[0], field);
  if (bounds.length === 1) return [from, stepped ? field.max : from];
  const to = parseValue(bounds[1], field);
  if (to < from && !field.wraps) throw new FieldProblem(`${field.name}: range "${range}" ends before it starts`);
  return [from, to];
}

/** Values from `from` to `to` inclusive, every `step`, wrapping from `max` back to `min`. */
function walk(from: number, to: number, step: number, field: FieldSpec): number[] {
  const span = field.max - field.min + 1;
  const length = (((to - from) % span) + span) % span;
  const values: number[] = [];
  for (let offset = 0; offset <= length; offset += step) {
    values.push(((from - field.min + offset) % span) + field.min);
  }
  return values;
}

function parseStep(text: string, item: string, field: FieldSpec): number {
  const step = /^\d+$/.test(text) ? Number(text) : NaN;
  // Quartz, which EventBridge's syntax follows, refuses increments beyond the field's largest value.
  if (!(step >= 1 && step <= field.max)) {
    throw new FieldProblem(`${field.name}: increment in "${item}" must be a whole number from 1 to ${field.max}`);
  }
  return step;
}

export function parseValue(text: string, field: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return field.min + named;
  if (!/^\d+$/.test(text)) throw new FieldProblem(`${field.name}: "${text}" is not ${describeAllowed(field)}`);
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new FieldProblem(`${field.name}: ${value} is outside ${describeAllowed(field)}`);
  }
  return value;
}

function describeAllowed(field: FieldSpec): string {
  const range = `${field.min}-${field.max}`;
  if (!field.names) return range;
  return `${range} or ${field.names[0]}-${field.names[field.names.length - 1]}`;
}
