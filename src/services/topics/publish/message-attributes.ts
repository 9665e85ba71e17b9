/**
 * Publish's MessageAttributes: validation with SNS's wording (errors are ParameterValueInvalid,
 * i.e. InvalidParameterValueException), their share of the 256 KB size limit, and the two forms
 * deliveries use. Rules: "Amazon SNS message attributes" (SNS Developer Guide): names up to 256
 * characters of alphanumerics, `-`, `_`, `.`, no leading/trailing/double dot, no `AWS.`/`Amazon.`
 * prefix; types String, Number, Binary (custom suffixes allowed) and String.Array.
 */
import type { MessageAttributeValue as SqsAttributeValue } from '../../queues/types';
import { invalidParameterValue } from '../errors';
import { MAX_MESSAGE_ATTRIBUTE_NAME_BYTES } from '../limits';
import type { MessageAttributeMap, MessageAttributeValue } from '../api';
import type { EnvelopeAttribute } from '../delivery/job';

const NAME_CHAR = /[A-Za-z0-9_.-]/;
const RESERVED_PREFIXES = ['aws.', 'amazon.'];

export interface NormalisedAttribute {
  type: string;
  /** Text for String/Number/String.Array types; base64 for Binary types. */
  value: string;
  binary: boolean;
}

export function validateMessageAttributes(attributes: MessageAttributeMap | undefined): Record<string, NormalisedAttribute> {
  const out: Record<string, NormalisedAttribute> = {};
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    validateName(name);
    out[name] = validateValue(name, attribute);
  }
  return out;
}

function validateName(name: string): void {
  if (name.length === 0) throw invalidParameterValue('The message attribute name must not be empty.');
  if (Buffer.byteLength(name) > MAX_MESSAGE_ATTRIBUTE_NAME_BYTES) throw invalidParameterValue('Length of message attribute name must be less than 256 bytes.');
  for (const char of name) {
    if (!NAME_CHAR.test(char)) {
      const hex = char.codePointAt(0)!.toString(16).toUpperCase();
      throw invalidParameterValue(`Invalid non-alphanumeric character '#x${hex}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`);
    }
  }
  if (name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw invalidParameterValue(`Invalid message attribute name '${name}': it cannot start or end with a period, or have two periods in a row.`);
  }
  if (RESERVED_PREFIXES.some((p) => name.toLowerCase().startsWith(p))) {
    throw invalidParameterValue(`The message attribute name '${name}' uses a reserved prefix (AWS. or Amazon.).`);
  }
}

function validateValue(name: string, attribute: MessageAttributeValue): NormalisedAttribute {
  const type = attribute?.DataType;
  if (typeof type !== 'string' || type === '') throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
  const base = type.split('.')[0];
  if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
    throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
  }
  if (base === 'Binary') {
    if (attribute.StringValue !== undefined) throw invalidParameterValue(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
    const bytes = toBytes(attribute.BinaryValue);
    if (!bytes || bytes.length === 0) throw emptyValue(name, type);
    return { type, value: bytes.toString('base64'), binary: true };
  }
  if (attribute.BinaryValue !== undefined) throw invalidParameterValue(`The message attribute '${name}' with type '${base}' must use field 'String'.`);
  const text = attribute.StringValue;
  if (typeof text !== 'string' || text === '') throw emptyValue(name, type);
  if (base === 'Number' && !Number.isFinite(Number(text))) throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
  if (type === 'String.Array' && !isJsonArray(text)) {
    throw invalidParameterValue(`The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, booleans or nulls.`);
  }
  return { type, value: text, binary: false };
}

const emptyValue = (name: string, type: string) =>
  invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);

function toBytes(value: Uint8Array | string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.from(value);
}

function isJsonArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  } catch {
    return false;
  }
}

/** Bytes the attributes add to the message size: name, type and value of each. */
export function attributesSize(attributes: Record<string, NormalisedAttribute>): number {
  let size = 0;
  for (const [name, a] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.type) + (a.binary ? Buffer.from(a.value, 'base64').length : Buffer.byteLength(a.value));
  }
  return size;
}

/** `{Type, Value}` as the notification envelope and the Lambda event carry them. */
export function envelopeAttributes(attributes: Record<string, NormalisedAttribute>): Record<string, EnvelopeAttribute> {
  return Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, { Type: a.type, Value: a.value }]));
}

/** Raw delivery to SQS: the message attributes become SQS message attributes. */
export function sqsAttributes(attributes: Record<string, EnvelopeAttribute>): Record<string, SqsAttributeValue> {
  const out: Record<string, SqsAttributeValue> = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = a.Type.startsWith('Binary') ? { DataType: a.Type, BinaryValue: Buffer.from(a.Value, 'base64') } : { DataType: a.Type, StringValue: a.Value };
  }
  return out;
}
