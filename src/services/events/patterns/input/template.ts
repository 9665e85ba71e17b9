/**
 * An InputTemplate split into text and `<placeholder>`s. Whether a placeholder sits inside a JSON
 * string decides how its value is written: inside quotes it is inserted as is ("EventBridge doesn't
 * escape values extracted by Input Path"), outside quotes in a JSON template a string is quoted and
 * an object inserted as JSON (Amazon EventBridge input transformation, "Input transform examples").
 */
export type TemplatePart =
  | { readonly text: string }
  | { readonly placeholder: string; readonly insideString: boolean };

export interface ParsedTemplate {
  readonly source: string;
  /** "If InputTemplate is a JSON object (surrounded by curly braces)" — or an array. */
  readonly isJson: boolean;
  readonly parts: readonly TemplatePart[];
}

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let text = '';
  let insideString = false;
  for (let i = 0; i < source.length; ) {
    PLACEHOLDER.lastIndex = i;
    const match = PLACEHOLDER.exec(source);
    if (match) {
      if (text) parts.push({ text });
      text = '';
      parts.push({ placeholder: match[1], insideString });
      i = PLACEHOLDER.lastIndex;
      continue;
    }
    const char = source[i];
    if (insideString && char === '\\') {
      text += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '"') insideString = !insideString;
    text += char;
    i++;
  }
  if (text) parts.push({ text });
  const trimmed = source.trimStart();
  return { source, isJson: trimmed.startsWith('{') || trimmed.startsWith('['), parts };
}

export function placeholdersOf(template: ParsedTemplate): string[] {
  return template.parts.flatMap((part) => ('placeholder' in part ? [part.placeholder] : []));
}
