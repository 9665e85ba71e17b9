import { evaluate } from './intrinsics/evaluate';
import type { TemplatePath } from './parse/paths';
import type { ConditionLookup, Scope } from './scope';

/**
 * The Conditions section, evaluated lazily and once per name; a condition that depends on itself
 * is an error. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
 */
export class ConditionTable implements ConditionLookup {
  private readonly results = new Map<string, boolean>();
  private readonly inProgress: string[] = [];

  constructor(
    private readonly section: Record<string, unknown>,
    private readonly scope: () => Scope,
  ) {}

  has(name: string): boolean {
    return Object.hasOwn(this.section, name);
  }

  names(): string[] {
    return Object.keys(this.section);
  }

  evaluate(name: string, from: TemplatePath): boolean {
    const known = this.results.get(name);
    if (known !== undefined) return known;
    const scope = this.scope();
    if (!this.has(name)) throw scope.locator.error(`condition '${name}' is not defined in Conditions`, from);
    const path = ['Conditions', name];
    if (this.inProgress.includes(name)) {
      throw scope.locator.error(`circular condition: ${[...this.inProgress, name].join(' -> ')}`, path);
    }
    this.inProgress.push(name);
    try {
      const value = evaluate(this.section[name], path, scope, 'condition');
      if (typeof value !== 'boolean') throw scope.locator.error('a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition', path);
      this.results.set(name, value);
      return value;
    } finally {
      this.inProgress.pop();
    }
  }
}
