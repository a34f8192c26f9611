/**
 * The date, time and date-time forms Kintone accepts on write and the forms it stores
 * (facts sheet §1, §10.6): dates padded (`2015-7` → `2015-07-01`), times as `HH:MM`,
 * date-times in UTC with the seconds dropped.
 */

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY`, `YYYY-M`, `YYYY-M-D` (any padding) → `YYYY-MM-DD`; undefined when invalid. */
export function normalizeDate(text: string): string | undefined {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text.trim());
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `H:MM`, `HH:MM`, `HH:MM:SS` → `HH:MM`; undefined when invalid. */
export function normalizeTime(text: string): string | undefined {
  const match = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** An instant as Kintone shows it: UTC, minute precision, `YYYY-MM-DDTHH:MM:00Z`. */
export function toKintoneDateTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 16)}:00Z`;
}

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)` or `YYYY-MM-DD` (UTC midnight) → the stored
 * form; undefined when invalid. A date-time without an offset is read as UTC.
 */
export function normalizeDateTime(text: string): string | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    );
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const hours = match[4] === undefined ? 0 : Number(match[4]);
  const minutes = match[5] === undefined ? 0 : Number(match[5]);
  const seconds = match[6] === undefined ? 0 : Number(match[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  let offsetMinutes = 0;
  const zone = match[7];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const epoch = Date.UTC(year, month - 1, day, hours, minutes) - offsetMinutes * 60_000;
  return toKintoneDateTime(new Date(epoch));
}

/** The calendar date of an instant in an IANA time zone, `YYYY-MM-DD`. */
export function dateInTimeZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
  return parts;
}

/** The wall-clock time of an instant in an IANA time zone, `HH:MM`. */
export function timeInTimeZone(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return parts;
}
