import type { Command } from 'commander';
import { resolve } from 'node:path';
import { findTemplate, validateTemplate } from '../../template';
import { collect, parseParameterOverrides } from '../options';

export function addValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Check the template; problems are listed with resource, property, line and column')
    .argument('[template]', 'template file or folder', '.')
    .option('-t, --template <file>', 'template file')
    .option('--parameter-overrides <pairs>', 'template parameters: "Key=Value Key2=Value2"', collect)
    .action(async (target: string, flags: { template?: string; parameterOverrides?: string[] }) => {
      const templatePath = findTemplate(resolve(flags.template ?? target));
      const { problems, warnings } = await validateTemplate(templatePath, {
        parameterOverrides: parseParameterOverrides(flags.parameterOverrides),
      });
      for (const w of warnings) process.stdout.write(`warning: ${w}\n`);
      for (const p of problems) process.stdout.write(`error: ${p.text}\n`);
      if (problems.length > 0) {
        process.stdout.write(`${templatePath}: ${problems.length} problem(s)\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(`${templatePath} is a valid template\n`);
      }
    });
}
