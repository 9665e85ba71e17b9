import { TemplateError, formatTemplateProblem } from '../shared/errors';
import { displayPath, type TemplatePath } from './parse/paths';
import type { PositionIndex } from './parse/positions';

/** One problem found by `validateTemplate`. `text` is what the CLI prints. */
export interface TemplateProblem {
  message: string;
  file: string;
  logicalId?: string;
  path?: string;
  line?: number;
  column?: number;
  /** `file:line:col: LogicalId.path: message` */
  text: string;
}

type Location = TemplateError['location'];

/** A TemplateError that remembers its bare message, so validate can list problems cleanly. */
export class LocatedTemplateError extends TemplateError {
  constructor(
    readonly detail: string,
    location: Location,
  ) {
    super(detail, location);
  }
}

export function toProblem(error: TemplateError): TemplateProblem {
  const message = error instanceof LocatedTemplateError ? error.detail : error.message;
  const { file, logicalId, path, line, column } = error.location;
  return { message, file, logicalId, path, line, column, text: formatTemplateProblem(message, error.location) };
}

/**
 * Turns a template path into a located error: `Resources.X.…` is shown as `X.…`, other sections
 * keep their name (`Outputs.ApiUrl.Value`, `Parameters.Env`).
 */
export class Locator {
  constructor(
    readonly file: string,
    readonly positions: PositionIndex,
  ) {}

  error(message: string, path: TemplatePath, at: 'value' | 'key' = 'value'): LocatedTemplateError {
    // An empty path is the file as a whole (e.g. an unknown parameter override): no position.
    const position = path.length === 0 ? undefined : at === 'key' ? this.positions.keyOf(path) : this.positions.valueOf(path);
    const inResources = path[0] === 'Resources' && path.length > 1;
    const logicalId = inResources ? String(path[1]) : undefined;
    const shown = displayPath(inResources ? path.slice(2) : path);
    return new LocatedTemplateError(message, {
      file: this.file,
      logicalId,
      path: shown || undefined,
      line: position?.line,
      column: position?.column,
    });
  }
}

/**
 * Where problems go. `throw` mode stops at the first one (loadTemplate); `collect` mode records
 * it and lets the caller carry on with the next resource (validateTemplate).
 */
export class ProblemSink {
  readonly problems: TemplateError[] = [];
  private readonly warningSet = new Set<string>();

  constructor(readonly mode: 'throw' | 'collect') {}

  get warnings(): string[] {
    return [...this.warningSet];
  }

  warn(message: string): void {
    this.warningSet.add(message);
  }

  report(error: TemplateError): void {
    if (this.mode === 'throw') throw error;
    this.problems.push(error);
  }

  /** Runs `step`; a TemplateError it throws is reported and `undefined` returned. */
  attempt<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      this.report(error);
      return undefined;
    }
  }
}
