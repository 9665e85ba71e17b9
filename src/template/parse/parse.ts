import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { LocatedTemplateError } from '../problems';
import { PositionIndex } from './positions';
import { cloudFormationTags } from './tags';
import { ConversionProblem, PlainConverter } from './to-plain';

export interface ParsedTemplate {
  file: string;
  root: unknown;
  positions: PositionIndex;
}

/**
 * Reads a YAML or JSON template (JSON is parsed by the same YAML parser, so JSON templates get
 * line:column too). Syntax problems become TemplateErrors at the parser's position.
 */
export function parseTemplateFile(file: string): ParsedTemplate {
  const source = readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(source, { customTags: cloudFormationTags, lineCounter: lines, prettyErrors: true });
  const firstError = doc.errors[0];
  if (firstError) throw syntaxError(file, firstError, lines);
  const positions = new PositionIndex();
  try {
    const root = new PlainConverter(source, doc, lines, positions).convert(doc.contents, []);
    return { file, root, positions };
  } catch (error) {
    if (!(error instanceof ConversionProblem)) throw error;
    throw new LocatedTemplateError(error.message, {
      file,
      path: error.path.filter((s) => typeof s === 'string').join('.') || undefined,
      line: error.position?.line,
      column: error.position?.column,
    });
  }
}

function syntaxError(file: string, error: YAMLError, lines: LineCounter): LocatedTemplateError {
  const position = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
  // yaml appends " at line L, column C:" and a source excerpt; we print the position our way.
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return new LocatedTemplateError(`invalid YAML: ${message}`, { file, line: position.line, column: position.col });
}
