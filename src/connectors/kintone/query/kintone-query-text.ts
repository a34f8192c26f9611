/**
 * The one place where Kintone query text is made from values: string literals (escaped as
 * the facts sheet §5.1 prescribes), numbers, date-times, and field codes (checked, never
 * escaped: a code that is not a plain identifier is refused). Every function either
 * returns text that is exactly one token of the Kintone grammar, or undefined, in which
 * case the caller must not push the condition down.
 */

/** Characters Kintone rejects raw inside a string literal and that have no escape. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it finds
const unescapableControl = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Longest string literal the connector sends (Kintone queries travel in a JSON body). */
export const maxLiteralLength = 10000;

/** A Kintone string literal: `"..."` with `\`, `"`, newline, CR and tab escaped. */
export function quoteString(value: string): string | undefined {
  if (value.length > maxLiteralLength || unescapableControl.test(value)) return undefined;
  let text = '"';
  for (const character of value) {
    switch (character) {
      case '\\':
        text += '\\\\';
        break;
      case '"':
        text += '\\"';
        break;
      case '\n':
        text += '\\n';
        break;
      case '\r':
        text += '\\r';
        break;
      case '\t':
        text += '\\t';
        break;
      default:
        text += character;
    }
  }
  return `${text}"`;
}

const keywords = new Set([
  'and',
  'or',
  'not',
  'in',
  'like',
  'is',
  'empty',
  'order',
  'by',
  'asc',
  'desc',
  'limit',
  'offset',
]);

/** A field code as a bare token: `$id`, or a code without spaces, quotes, operators or brackets. */
export function fieldToken(code: string): string | undefined {
  if (code === '$id') return code;
  if (code.length === 0 || code.length > 128) return undefined;
  // Letters of any script, digits, underscore, and the full-width symbols Kintone allows.
  if (!/^[\p{L}\p{N}_\u30fb\uff04\uff3f]+$/u.test(code)) return undefined;
  if (keywords.has(code.toLowerCase())) return undefined;
  return code;
}

/** A decimal number token ("-12.5", "3"), from canonical decimal text or an integer. */
export function numberToken(value: string | number | bigint): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    if (Number.isInteger(value) && Number.isSafeInteger(value)) return String(value);
    const text = String(value);
    return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
  }
  return /^-?\d+(\.\d+)?$/.test(value) ? value : undefined;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

/** `"YYYY-MM-DDTHH:MM:SSZ"` of an instant (milliseconds since the epoch), in UTC. */
export function dateTimeLiteral(epochMilliseconds: number): string | undefined {
  const date = new Date(epochMilliseconds);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(epochMilliseconds) || year < 1000 || year > 9999) return undefined;
  return `"${year}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z"`;
}

/** `"YYYY-MM-DD"` of a valid calendar date text. */
export function dateLiteral(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return undefined;
  return `"${value}"`;
}

/** `"HH:MM"` of a minute of the day (0-1439). */
export function timeLiteral(minuteOfDay: number): string | undefined {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= 1440) return undefined;
  return `"${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}"`;
}
