/**
 * Recomputes a record's calculated values on every write (facts sheet §10.8): CALC fields
 * (top level and inside subtable rows, which may use the row's fields and top-level ones)
 * and SINGLE_LINE_TEXT fields with an auto-calculation `expression`. Formulas are parsed
 * once per expression text and cached.
 */
import type { FieldProperties, FieldProperty } from '../model/field-property.js';
import type { FieldValue, SubtableRow } from '../model/record.js';
import { normalizeDateTime } from './date-normalization.js';
import {
  CalcError,
  evaluateCalc,
  formatCalcResult,
  parseCalcExpression,
  type CalcNode,
  type CalcValue,
} from './calc-expression.js';

/** A record under construction: cells may still be replaced. */
export type WorkingRecord = Record<string, FieldValue>;

const parsedExpressions = new Map<string, CalcNode | CalcError>();

export function parsedCalcExpression(expression: string): CalcNode | CalcError {
  let parsed = parsedExpressions.get(expression);
  if (parsed === undefined) {
    try {
      parsed = parseCalcExpression(expression);
    } catch (error) {
      parsed = error instanceof CalcError ? error : new CalcError(String(error));
    }
    parsedExpressions.set(expression, parsed);
  }
  return parsed;
}

function isCalculated(field: FieldProperty): boolean {
  return (
    field.type === 'CALC' ||
    (field.type === 'SINGLE_LINE_TEXT' &&
      typeof field.expression === 'string' &&
      field.expression !== '')
  );
}

/** A stored value as a formula operand: numbers for numeric, date and time fields. */
function operand(field: FieldProperty, value: FieldValue['value'] | undefined): CalcValue {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') {
    if (Array.isArray(value)) {
      return value.map((item: unknown) => (typeof item === 'string' ? item : '')).join(', ');
    }
    return '';
  }
  if (value === '') return field.type === 'NUMBER' || field.type === 'CALC' ? 0 : '';
  switch (field.type) {
    case 'NUMBER':
    case 'RECORD_NUMBER':
      return Number(value.replace(/^[^-]*-(?=\d+$)/, ''));
    case 'DATE':
      return Date.parse(`${value}T00:00:00Z`) / 1000;
    case 'TIME': {
      const [hours, minutes] = value.split(':').map(Number);
      return (hours ?? 0) * 3600 + (minutes ?? 0) * 60;
    }
    case 'DATETIME':
    case 'CREATED_TIME':
    case 'UPDATED_TIME': {
      const normalized = normalizeDateTime(value);
      return normalized === undefined ? '' : Date.parse(normalized) / 1000;
    }
    case 'CALC': {
      if (field.format === 'DATE') return Date.parse(`${value}T00:00:00Z`) / 1000;
      if (field.format === 'DATETIME') return Date.parse(value) / 1000;
      if (
        field.format === 'TIME' ||
        field.format === 'HOUR_MINUTE' ||
        field.format === 'DAY_HOUR_MINUTE'
      ) {
        const negative = value.startsWith('-');
        const [hours, minutes] = value.replace('-', '').split(':').map(Number);
        const seconds = (hours ?? 0) * 3600 + (minutes ?? 0) * 60;
        return negative ? -seconds : seconds;
      }
      const number = Number(value);
      return Number.isNaN(number) ? value : number;
    }
    default:
      return value;
  }
}

function formatted(field: FieldProperty, value: CalcValue): string {
  if (field.type === 'CALC') return formatCalcResult(value, field.format);
  return typeof value === 'number' ? formatCalcResult(value, 'NUMBER') : value;
}

/** Recomputes every calculated field of `record` in place. */
export function computeCalculatedFields(fields: FieldProperties, record: WorkingRecord): void {
  const subtableOf = new Map<string, string>();
  let hasCalculated = false;
  for (const field of Object.values(fields)) {
    if (isCalculated(field)) hasCalculated = true;
    for (const inner of Object.values(field.fields ?? {})) {
      subtableOf.set(inner.code, field.code);
      if (isCalculated(inner)) hasCalculated = true;
    }
  }
  if (!hasCalculated) return;

  const topLevelDone = new Set<string>();
  const topLevelVisiting = new Set<string>();

  const topLevelOperand = (code: string): CalcValue => {
    if (subtableOf.has(code)) throw new CalcError('A subtable field needs SUM().');
    const field = fields[code];
    if (field === undefined) throw new CalcError(`Unknown field ${code}.`);
    if (isCalculated(field)) computeTopLevel(field);
    return operand(field, record[code]?.value);
  };

  const rowsOf = (table: string): SubtableRow[] => {
    const value = record[table]?.value;
    return Array.isArray(value) ? (value as SubtableRow[]) : [];
  };

  const sum = (code: string): number => {
    const table = subtableOf.get(code);
    if (table === undefined) return Number(topLevelOperand(code)) || 0;
    const innerField = fields[table]?.fields?.[code];
    if (innerField === undefined) return 0;
    let total = 0;
    for (const row of rowsOf(table)) {
      const value = operand(innerField, row.value[code]?.value);
      const number = typeof value === 'number' ? value : value === '' ? 0 : Number(value);
      if (Number.isNaN(number)) throw new CalcError('Not a number.');
      total += number;
    }
    return total;
  };

  const evaluate = (
    field: FieldProperty,
    environment: Parameters<typeof evaluateCalc>[1],
  ): string => {
    const parsed = parsedCalcExpression(field.expression ?? '');
    if (parsed instanceof CalcError) return '';
    try {
      return formatted(field, evaluateCalc(parsed, environment));
    } catch (error) {
      if (error instanceof CalcError || error instanceof RangeError) return '';
      throw error;
    }
  };

  function computeTopLevel(field: FieldProperty): void {
    if (topLevelDone.has(field.code)) return;
    if (topLevelVisiting.has(field.code)) throw new CalcError('Circular reference.');
    topLevelVisiting.add(field.code);
    let value: string;
    try {
      value = evaluate(field, { field: topLevelOperand, sum });
    } finally {
      topLevelVisiting.delete(field.code);
    }
    record[field.code] = { type: field.type, value };
    topLevelDone.add(field.code);
  }

  // Subtable rows first: top-level SUM() may read calculated cells.
  for (const table of Object.values(fields)) {
    if (table.type !== 'SUBTABLE' || table.fields === undefined) continue;
    const innerFields = table.fields;
    const calculated = Object.values(innerFields).filter(isCalculated);
    if (calculated.length === 0) continue;
    const rows = rowsOf(table.code).map((row) => {
      const cells: WorkingRecord = { ...row.value };
      const done = new Set<string>();
      const visiting = new Set<string>();
      const rowOperand = (code: string): CalcValue => {
        const inner = innerFields[code];
        if (inner === undefined) return topLevelOperand(code);
        if (isCalculated(inner)) computeCell(inner);
        return operand(inner, cells[code]?.value);
      };
      const computeCell = (inner: FieldProperty): void => {
        if (done.has(inner.code)) return;
        if (visiting.has(inner.code)) throw new CalcError('Circular reference.');
        visiting.add(inner.code);
        try {
          cells[inner.code] = {
            type: inner.type,
            value: evaluate(inner, { field: rowOperand, sum }),
          };
        } finally {
          visiting.delete(inner.code);
        }
        done.add(inner.code);
      };
      for (const inner of calculated) {
        try {
          computeCell(inner);
        } catch (error) {
          if (!(error instanceof CalcError)) throw error;
          cells[inner.code] = { type: inner.type, value: '' };
        }
      }
      return { id: row.id, value: cells };
    });
    record[table.code] = { type: 'SUBTABLE', value: rows };
  }

  for (const field of Object.values(fields)) {
    if (!isCalculated(field)) continue;
    try {
      computeTopLevel(field);
    } catch (error) {
      if (!(error instanceof CalcError)) throw error;
      record[field.code] = { type: field.type, value: '' };
      topLevelDone.add(field.code);
    }
  }
}
