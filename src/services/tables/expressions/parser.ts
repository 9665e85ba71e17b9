/**
 * Parses expressions with a parser peggy generates from grammar.ts on first use (then cached):
 * the grammar ships as text, so the tsx tests and the esbuild bundle run the same code without
 * a generated file to keep in step. Syntax errors get DynamoDB's message:
 * `Invalid UpdateExpression: Syntax error; token: "<token>", near: "<tokens around it>"`.
 */
import peggy from 'peggy';
import { GRAMMAR } from './grammar';
import type { Condition, PathNode, UpdateClause } from './ast';
import { TablesError } from '../errors';

export type ExpressionKind = 'ConditionExpression' | 'KeyConditionExpression' | 'FilterExpression' | 'UpdateExpression' | 'ProjectionExpression';

type StartRule = 'Condition' | 'Update' | 'Projection';

let parser: peggy.Parser | undefined;
const cache = new Map<string, unknown>();
const CACHE_LIMIT = 1000;

function generated(): peggy.Parser {
  return (parser ??= peggy.generate(GRAMMAR, { allowedStartRules: ['Condition', 'Update', 'Projection'] }));
}

function parse<T>(kind: ExpressionKind, rule: StartRule, text: string): T {
  if (text.trim() === '') throw TablesError.validation(`Invalid ${kind}: The expression can not be empty;`);
  const key = `${rule}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit as T;
  let tree: T;
  try {
    tree = generated().parse(text, { startRule: rule }) as T;
  } catch (err) {
    const offset = (err as { location?: { start: { offset: number } } }).location?.start.offset;
    if (offset === undefined) throw err;
    throw TablesError.validation(`Invalid ${kind}: Syntax error; ${tokenDetail(text, offset)}`);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, tree);
  return tree;
}

export const parseCondition = (kind: ExpressionKind, text: string) => parse<Condition>(kind, 'Condition', text);
export const parseUpdate = (text: string) => parse<UpdateClause[]>('UpdateExpression', 'Update', text);
export const parseProjection = (text: string) => parse<PathNode[]>('ProjectionExpression', 'Projection', text);

const TOKEN = /#?[A-Za-z0-9_]+|:[A-Za-z0-9_]+|<>|<=|>=|\S/g;

/** The token where parsing failed (`<EOF>` at the end) and the text of its neighbours. */
function tokenDetail(text: string, offset: number): string {
  const tokens = [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  // A lone ':' or '#' is a bad token to DynamoDB's lexer: it is what the error names.
  let i = tokens.findIndex((t) => (t.text === ':' || t.text === '#') && t.start <= offset);
  if (i < 0) i = tokens.findIndex((t) => t.end > offset);
  if (i < 0) {
    const last = tokens.at(-1);
    return `token: "<EOF>", near: "${last ? last.text : ''}"`;
  }
  const from = tokens[Math.max(0, i - 1)].start;
  const to = tokens[Math.min(tokens.length - 1, i + 1)].end;
  return `token: "${tokens[i].text}", near: "${text.slice(from, to)}"`;
}
