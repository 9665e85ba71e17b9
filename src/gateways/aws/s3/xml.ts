/**
 * S3's XML, both ways. Requests are validated, then parsed with fast-xml-parser (no attributes,
 * values kept as text, the repeatable elements always as lists); answers are written the way S3
 * writes them: an XML declaration, the 2006-03-01 namespace on the root, elements in S3's order.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedXml } from '../../../services/buckets/errors';
import { escapeXml } from '../protocols/xml';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const LISTS = new Set([
  'Part',
  'Object',
  'CORSRule',
  'AllowedOrigin',
  'AllowedMethod',
  'AllowedHeader',
  'ExposeHeader',
  'Tag',
  'FilterRule',
  'Event',
  'CloudFunctionConfiguration',
  'QueueConfiguration',
  'TopicConfiguration',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: true,
  processEntities: true,
  isArray: (name) => LISTS.has(name),
});

export type XmlNode = Record<string, unknown>;

/** The document's root element's content; MalformedXML when the text is not XML or the root differs. */
export function parseXml(text: string, root: string): XmlNode {
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw malformedXml();
  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch {
    throw malformedXml();
  }
  const content = doc[root];
  if (content === undefined) throw malformedXml();
  return typeof content === 'object' && content !== null ? (content as XmlNode) : {};
}

export const text = (node: unknown): string | undefined => (typeof node === 'string' ? node : node === undefined || node === null ? undefined : typeof node === 'object' ? '' : String(node));
export const list = (node: unknown): XmlNode[] => (Array.isArray(node) ? node : node === undefined ? [] : [node]).map((n) => (typeof n === 'object' && n !== null ? (n as XmlNode) : { '#text': n }));
export const texts = (node: unknown): string[] => (Array.isArray(node) ? node : node === undefined ? [] : [node]).map((n) => (typeof n === 'string' ? n : ''));

/** One element; `undefined` content leaves it out, so optional members can be written inline. */
export function el(name: string, content: string | number | boolean | undefined | null): string {
  if (content === undefined || content === null) return '';
  return `<${name}>${typeof content === 'string' ? content : String(content)}</${name}>`;
}

export const esc = (value: string) => escapeXml(value);

export function document(root: string, inner: string): string {
  return `${DECLARATION}<${root} xmlns="${S3_NAMESPACE}">${inner}</${root}>`;
}

/** S3 timestamps in XML: ISO 8601 with milliseconds. */
export const isoTime = (ms: number) => new Date(ms).toISOString();
