import type { LeafValue } from '../../shared/content-filter';

/** A message attribute as Publish receives it (query API `Type`/`Value` or SDK `DataType`/`StringValue`). */
export interface MessageAttribute {
  readonly Type?: string;
  readonly DataType?: string;
  readonly Value?: string;
  readonly StringValue?: string;
}

/**
 * Message attributes as the matcher sees them. SNS compares policies only with String,
 * String.Array and Number attributes (Filter policy constraints in Amazon SNS); a Binary attribute
 * is ignored, so it counts as absent. "For String.Array type attributes, each element in the array
 * is treated as a separate string" (String value matching); an unparsable array is ignored too.
 */
export function attributesAsObject(attributes: Readonly<Record<string, MessageAttribute>>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const value = attributeValue(attribute);
    if (value !== undefined) object[name] = value;
  }
  return object;
}

function attributeValue(attribute: MessageAttribute): LeafValue | unknown[] | undefined {
  const type = attribute.DataType ?? attribute.Type ?? '';
  const text = attribute.StringValue ?? attribute.Value;
  if (text === undefined) return undefined;
  if (type === 'String.Array') return parseArray(text);
  if (type === 'Number' || type.startsWith('Number.')) return parseNumber(text);
  if (type === 'String' || type.startsWith('String.')) return text;
  return undefined;
}

function parseArray(text: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function parseNumber(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : undefined;
}
