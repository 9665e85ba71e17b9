import type { TemplatePath } from './parse/paths';
import type { Locator, ProblemSink } from './problems';
import type { PseudoValues } from './pseudo';

/** A parameter after overrides and defaults: lists for list types, strings otherwise. */
export interface ParameterValue {
  type: string;
  value: string | string[];
  noEcho: boolean;
}

export interface ConditionLookup {
  has(name: string): boolean;
  /** Evaluates (once) the named condition; `from` is where it is used, for errors. */
  evaluate(name: string, from: TemplatePath): boolean;
}

export interface RefLookup {
  has(logicalId: string): boolean;
  ref(logicalId: string, from: TemplatePath): unknown;
  getAtt(logicalId: string, attribute: string, from: TemplatePath): unknown;
}

/**
 * Everything an intrinsic function may consult. Built in stages by load.ts (parameters, then
 * conditions, then resources); the evaluator only reads it.
 */
export interface Scope {
  locator: Locator;
  sink: ProblemSink;
  pseudo: PseudoValues;
  parameters: Map<string, ParameterValue>;
  mappings: Record<string, unknown>;
  conditions: ConditionLookup;
  refs: RefLookup;
}

/** `condition`: inside the Conditions section, where only parameters may be referenced. */
export type EvalMode = 'resource' | 'condition';
