/** Helpers customer converters share: calendar-checked dates and a typed rejection. */

/** Thrown by a converter for one row; the module turns it into a RejectedRow. */
export class RowRejected extends Error {
  override name = 'RowRejected';
}

/** YYYY-MM-DD from numeric parts, or a rejection when the date does not exist (2023-02-30). */
export function calendarDate(year: number, month: number, day: number, original: string): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RowRejected(`"${original}" is not a valid date`);
  }
  return date.toISOString().slice(0, 10);
}

export function required(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new RowRejected(`${field} is missing`);
  return value.trim();
}

/** Deliberately loose (one @, a dot in the domain): the CMS validates addresses itself. */
export function email(value: unknown, field: string): string {
  const text = required(value, field).toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) throw new RowRejected(`${field} "${text}" is not an e-mail address`);
  return text;
}
