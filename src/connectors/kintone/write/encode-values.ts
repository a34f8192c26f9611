/**
 * Converts column values (the gateway's representation) into Kintone write values, and
 * checks them first: type and format, options of selections, Kintone's own maximum length,
 * number syntax. Problems are collected per property so that one answer names them all;
 * computed columns are ignored, as OData asks of services (Core.Computed).
 */
import type { ColumnSchema } from '../../connector.js';
import type { ErrorDetail } from '../../../errors/tsunagi-error.js';
import type { Value } from '../../../odata/edm/primitive-type.js';
import type { KintoneColumnSource, KintoneTableSchema } from '../schema/kintone-table-model.js';
import { canonicalDecimal } from '../read/kintone-values.js';
import { minuteInstant, minuteOfDay } from '../query/kintone-literals.js';

export type KintoneWriteRecord = Record<string, { value: unknown }>;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function utcText(epochMilliseconds: number): string {
  const date = new Date(epochMilliseconds);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:00Z`;
}

function listItems(
  value: Value,
  source: KintoneColumnSource,
  delimiter: string,
): string[] | string {
  if (value === null) return [];
  if (Array.isArray(value)) {
    if (!source.collection) return 'expected text, not a collection';
    const items: string[] = [];
    for (const item of value as readonly unknown[]) {
      if (typeof item !== 'string') return 'every item must be text';
      items.push(item);
    }
    return items;
  }
  if (typeof value !== 'string') return 'expected text';
  if (source.collection) return 'expected a collection of texts';
  return value
    .split(delimiter)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The Kintone value of one column, or a problem in words. */
export function encodeValue(
  column: ColumnSchema,
  source: KintoneColumnSource,
  value: Value,
  delimiter: string,
): { readonly value: unknown } | { readonly problem: string } {
  switch (source.valueKind) {
    case 'text': {
      if (value === null) return { value: '' };
      if (typeof value !== 'string') return { problem: 'expected text' };
      if (source.maxLength !== undefined && [...value].length > source.maxLength)
        return {
          problem: `at most ${source.maxLength} characters are allowed (Kintone field setting)`,
        };
      return { value };
    }
    case 'decimal':
    case 'double': {
      if (value === null) return { value: '' };
      let text: string | null;
      if (typeof value === 'number')
        text = Number.isFinite(value) ? canonicalDecimal(String(value)) : null;
      else if (typeof value === 'bigint') text = value.toString();
      else if (typeof value === 'string')
        text = /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? canonicalDecimal(value) : null;
      else text = null;
      if (text === null) return { problem: 'expected a number' };
      return { value: text };
    }
    case 'date': {
      if (value === null) return { value: '' };
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
        return { problem: 'expected a date (YYYY-MM-DD)' };
      return { value };
    }
    case 'dateTime': {
      if (value === null) return { value: '' };
      const instant = minuteInstant(value);
      if (instant === undefined) return { problem: 'expected a date and time with a time zone' };
      // Kintone keeps minutes: seconds are dropped, as Kintone itself does.
      return { value: utcText(instant.minuteStart) };
    }
    case 'timeOfDay':
    case 'timeText': {
      if (value === null) return { value: '' };
      const time = minuteOfDay(value);
      if (time === undefined)
        return {
          problem:
            source.valueKind === 'timeText' ? 'expected a time HH:MM' : 'expected a time of day',
        };
      return { value: `${pad(Math.floor(time.minute / 60))}:${pad(time.minute % 60)}` };
    }
    case 'choice': {
      if (value === null) return { value: '' };
      if (typeof value !== 'string') return { problem: 'expected text' };
      const options = source.options ?? [];
      if (!options.includes(value))
        return { problem: `"${value}" is not one of the options (${options.join(', ')})` };
      return { value };
    }
    case 'multiChoice': {
      const items = listItems(value, source, delimiter);
      if (typeof items === 'string') return { problem: items };
      const options = source.options ?? [];
      const unknown = items.filter((item) => !options.includes(item));
      if (unknown.length > 0)
        return {
          problem: `${unknown.map((item) => `"${item}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among the options (${options.join(', ')})`,
        };
      return { value: items };
    }
    case 'entities': {
      const items = listItems(value, source, delimiter);
      if (typeof items === 'string') return { problem: items };
      return { value: items.map((code) => ({ code })) };
    }
    default:
      return { problem: `${column.propertyName} is read-only` };
  }
}

/**
 * The Kintone record for a change: the given columns (all writable ones when `replace`,
 * absent ones cleared). Columns listed in `skip` (keys, parent references) are not fields.
 */
export function encodeRecord(
  table: KintoneTableSchema,
  values: ReadonlyMap<string, Value>,
  replace: boolean,
): { readonly record: KintoneWriteRecord; readonly problems: readonly ErrorDetail[] } {
  const record: KintoneWriteRecord = {};
  const problems: ErrorDetail[] = [];
  table.columns.forEach((column, index) => {
    const source = table.kintone.columns[index];
    if (source === undefined || !source.writable || source.code.startsWith('$')) return;
    const given = values.has(column.name);
    if (!given && !replace) return;
    const result = encodeValue(
      column,
      source,
      given ? (values.get(column.name) ?? null) : null,
      table.kintone.delimiter,
    );
    if ('problem' in result) {
      problems.push({
        code: 'TSG600',
        message: `${column.propertyName}: ${result.problem}.`,
        target: column.name,
      });
    } else {
      record[source.code] = { value: result.value };
    }
  });
  for (const name of values.keys()) {
    if (!table.columns.some((column) => column.name === name)) {
      problems.push({
        code: 'TSG600',
        message: `${name} is not a column of ${table.name}.`,
        target: name,
      });
    }
  }
  return { record, problems };
}
