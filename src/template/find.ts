import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../shared/errors';

/** The names `stratus start DIR` looks for, in this order (as `sam` does). */
export const TEMPLATE_FILE_NAMES = ['template.yaml', 'template.yml', 'template.json'];

/** A directory → its template file; a file → its absolute path. UserError when there is none. */
export function findTemplate(dirOrFile: string): string {
  const target = resolve(dirOrFile);
  if (!existsSync(target)) throw new UserError('TemplateNotFound', `${target}: no such file or directory`);
  if (!statSync(target).isDirectory()) return target;
  for (const name of TEMPLATE_FILE_NAMES) {
    const candidate = join(target, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new UserError('TemplateNotFound', `${target}: no ${TEMPLATE_FILE_NAMES.join(', ')} in this directory`);
}
