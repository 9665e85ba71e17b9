import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { PathSegment } from '../parse/paths';
import type { ResourceContext } from './context';

/**
 * A local code or content directory (CodeUri, ContentUri, Code/Content as a path string, as
 * `sam local` accepts them), resolved against the template directory and checked to exist.
 */
export function localDirectory(ctx: ResourceContext, value: unknown, property: PathSegment[]): string {
  const name = property.join('.');
  if (typeof value !== 'string') {
    throw ctx.fail(`${name} must be a local directory path; S3 locations are not supported locally`, property);
  }
  if (/^s3:\/\//i.test(value)) throw ctx.fail(`${name} '${value}' is an S3 location; Stratus runs code from a local directory`, property);
  const directory = isAbsolute(value) ? value : resolve(ctx.env.baseDir, value);
  if (!existsSync(directory)) throw ctx.fail(`${name} directory '${value}' does not exist (looked for ${directory})`, property);
  if (!statSync(directory).isDirectory()) {
    throw ctx.fail(`${name} '${value}' is a file; Stratus needs the unpacked directory (zip files are not supported yet)`, property);
  }
  return directory;
}

/**
 * Inline code (InlineCode, Code.ZipFile) is written where CloudFormation would put it, a file
 * named index.js / index.py, under `.stratus/inline/<LogicalId>/`. Rewritten only when changed.
 */
export function inlineCodeDirectory(ctx: ResourceContext, source: string, fileName: string): string {
  const directory = join(ctx.env.stateDir, 'inline', ctx.logicalId);
  if (!ctx.env.writeInlineCode) return directory;
  const file = join(directory, fileName);
  if (existsSync(file) && readFileSync(file, 'utf8') === source) return directory;
  mkdirSync(directory, { recursive: true });
  writeFileSync(file, source);
  return directory;
}
