import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { loadTemplate, type TemplateLoadOptions } from '../../src/template/index';

const created: string[] = [];
after(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes `source` as template.yaml (or `fileName`) into a fresh directory named `project`,
 * with the given extra files (a name ending in `/` makes a directory). Returns the template path.
 */
export function writeTemplate(source: string, files: Record<string, string> = {}, fileName = 'template.yaml'): string {
  const root = mkdtempSync(join(tmpdir(), 'stratus-template-'));
  created.push(root);
  const dir = join(root, 'project');
  mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    const target = join(dir, name);
    if (name.endsWith('/')) mkdirSync(target, { recursive: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
  }
  const path = join(dir, fileName);
  writeFileSync(path, source);
  return path;
}

/** A minimal valid template around the given sections (YAML text, already indented at column 0). */
export function template(sections: string): string {
  return `Transform: AWS::Serverless-2016-10-31\n${sections}`;
}

/** Loads `Outputs` built from the given map of name → YAML value text and returns name → value. */
export async function outputsOf(values: Record<string, string>, extra = '', options: TemplateLoadOptions = {}) {
  const outputs = Object.entries(values).map(([name, value]) => `  ${name}:\n    Value: ${value}`).join('\n');
  const source = template(`${extra}\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\nOutputs:\n${outputs}\n`);
  const model = await loadTemplate(writeTemplate(source), options);
  return Object.fromEntries(model.outputs.map((o) => [o.name, o.value]));
}

/** Runs `promise` and returns the message of the error it rejects with. */
export async function errorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a rejection');
}
