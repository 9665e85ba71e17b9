import type { ParsedTemplate } from './template';

/** A placeholder's value; `found: false` when its path reached nothing in the event. */
export type Resolved = { readonly found: true; readonly value: unknown } | { readonly found: false };

/**
 * Fills a template. Missing values become "" inside a string or a plain-text template and `null`
 * in JSON position (AWS-observed: "custom-variables-not-match-all" in LocalStack's validated
 * snapshots). A JSON result is minified ("The JSON that is passed to the target is minified").
 */
export function renderTemplate(template: ParsedTemplate, resolve: (name: string) => Resolved): string {
  const text = template.parts
    .map((part) => {
      if ('text' in part) return part.text;
      const resolved = resolve(part.placeholder);
      const asJson = template.isJson && !part.insideString;
      return asJson ? jsonText(resolved) : rawText(resolved);
    })
    .join('');
  return template.isJson ? minifyIfJson(text) : text;
}

function jsonText(resolved: Resolved): string {
  return resolved.found ? (JSON.stringify(resolved.value) ?? 'null') : 'null';
}

function rawText(resolved: Resolved): string {
  if (!resolved.found || resolved.value === undefined) return '';
  return typeof resolved.value === 'string' ? resolved.value : JSON.stringify(resolved.value);
}

// Unescaped values can break the JSON (a quote inside a string value); AWS then passes the text on.
function minifyIfJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
