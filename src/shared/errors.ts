/**
 * One error base for the whole code base. A `UserError` is the user's to fix (bad template, bad
 * flag, missing file): the CLI prints its message as one line, no stack. Anything else that
 * escapes is a Stratus bug and is printed with its stack.
 */
export class StratusError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class UserError extends StratusError {}

/** A problem located in the template: resource, property path, line and column. */
export class TemplateError extends UserError {
  constructor(
    message: string,
    readonly location: { file: string; logicalId?: string; path?: string; line?: number; column?: number },
  ) {
    super('TemplateError', formatTemplateProblem(message, location));
  }
}

export function formatTemplateProblem(
  message: string,
  at: { file: string; logicalId?: string; path?: string; line?: number; column?: number },
): string {
  const where = at.line ? `${at.file}:${at.line}:${at.column ?? 1}` : at.file;
  const subject = [at.logicalId, at.path].filter(Boolean).join('.');
  return subject ? `${where}: ${subject}: ${message}` : `${where}: ${message}`;
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
