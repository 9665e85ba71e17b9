/**
 * Inline SES v2 templates: `{{name}}` (or `{{a.b}}`) placeholders filled from TemplateData, a
 * JSON object. SES templates are Handlebars; only plain substitution is done here (no helpers,
 * sections or partials). Missing values render empty, as Handlebars does.
 */
import { invalidValue } from './errors';

export function renderTemplate(content: { Subject?: string; Text?: string; Html?: string }, data: string | undefined) {
  let values: unknown = {};
  if (data !== undefined) {
    try {
      values = JSON.parse(data);
    } catch {
      throw invalidValue('v2', 'Template data is not valid JSON.');
    }
  }
  const fill = (text: string | undefined, escape: boolean) =>
    text?.replace(/\{\{\{?\s*([\w.-]+)\s*\}?\}\}/g, (whole, path: string) => {
      const value = path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), values);
      const textValue = value === undefined || value === null ? '' : String(value);
      // {{x}} is HTML-escaped in the HTML part; {{{x}}} is not (Handlebars' rule).
      return escape && !whole.startsWith('{{{') ? escapeHtml(textValue) : textValue;
    });
  return { subject: fill(content.Subject, false), text: fill(content.Text, false), html: fill(content.Html, true) };
}

// Handlebars' escape table.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/g, (c) => ESCAPES[c]);
}
