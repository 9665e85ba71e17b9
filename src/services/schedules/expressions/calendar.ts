/** Calendar facts on wall-clock dates. Weekdays use EventBridge numbering: 1 = Sunday … 7 = Saturday. */

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

export function isWeekend(weekday: number): boolean {
  return weekday === 1 || weekday === 7;
}

export interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function partsOfWall(wall: number): WallParts {
  const date = new Date(wall);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

export function formatWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19);
}
