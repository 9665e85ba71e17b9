import type { RuntimeFamily } from '../model';

/**
 * Lambda runtime identifiers Stratus can run, by family.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 */
const FAMILIES: [RegExp, RuntimeFamily][] = [
  [/^nodejs\d+\.x$/, 'nodejs'],
  [/^python3\.\d+$/, 'python'],
  [/^provided(\.al2|\.al2023)?$/, 'provided'],
];

/** Runtimes Lambda has but Stratus does not run; named in the error. */
const UNSUPPORTED = /^(java|dotnet|go|ruby)/;

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  return FAMILIES.find(([pattern]) => pattern.test(runtime))?.[1];
}

export function unsupportedRuntimeMessage(runtime: string): string {
  const known = UNSUPPORTED.test(runtime) ? 'is not supported by Stratus' : 'is not a Lambda runtime Stratus knows';
  return `Runtime ${runtime} ${known} (supported: nodejs*.x, python3.*, provided, provided.al2, provided.al2023)`;
}

/** The file CloudFormation writes inline code to (Code.ZipFile / InlineCode), by family. */
export function inlineFileName(family: RuntimeFamily): string | undefined {
  if (family === 'nodejs') return 'index.js';
  if (family === 'python') return 'index.py';
  return undefined;
}
