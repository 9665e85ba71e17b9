/**
 * Plain values → XML for the query protocol. An object is a structure (members in order), an
 * array a list wrapped in `<member>` elements unless hinted flat, a Date an ISO 8601 timestamp;
 * maps are told apart from structures by hints, since a plain object cannot say which it is.
 */
import type { XmlMemberHint } from '../service';

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all (controls, lone surrogates) become U+FFFD, so an
  // answer quoting hostile input still parses.
  return text.replace(INVALID_XML_CHARS, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}

const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };

export function element(name: string, inner: string): string {
  return `<${name}>${inner}</${name}>`;
}

export function membersToXml(value: Record<string, unknown>, hints: Record<string, XmlMemberHint> = {}): string {
  let out = '';
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined || member === null) continue;
    out += memberToXml(name, member, hints);
  }
  return out;
}

function memberToXml(name: string, value: unknown, hints: Record<string, XmlMemberHint>): string {
  const hint = hints[name];
  if (Array.isArray(value)) {
    const items = value.map((item) => element(hint?.flattenAs ?? 'member', valueToXml(item, hints))).join('');
    return hint?.flattenAs ? items : element(name, items);
  }
  if (hint?.map && typeof value === 'object' && !(value instanceof Date)) return mapToXml(name, value as Record<string, unknown>, hint.map, hints);
  return element(name, valueToXml(value, hints));
}

function mapToXml(name: string, map: Record<string, unknown>, shape: NonNullable<XmlMemberHint['map']>, hints: Record<string, XmlMemberHint>): string {
  const entries = Object.entries(map)
    .map(([k, v]) => element(shape.entry ?? 'entry', element(shape.key ?? 'key', escapeXml(k)) + element(shape.value ?? 'value', valueToXml(v, hints))))
    .join('');
  return shape.flattened ? entries : element(name, entries);
}

function valueToXml(value: unknown, hints: Record<string, XmlMemberHint>): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return membersToXml(value as Record<string, unknown>, hints);
  return escapeXml(String(value));
}
