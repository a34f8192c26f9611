import { describe, expect, it } from 'vitest';
import {
  evaluateCalc,
  formatCalcResult,
  parseCalcExpression,
  type CalcValue,
} from './calc-expression.js';

const fields: Record<string, CalcValue> = { a: 6, b: 4, empty: '', text: 'abc' };
const rows: Record<string, number[]> = { qty: [1, 2, 3] };

function calc(expression: string, format = 'NUMBER'): string {
  try {
    const value = evaluateCalc(parseCalcExpression(expression), {
      field: (code) => {
        const value = fields[code];
        if (value === undefined) throw new Error(`unknown ${code}`);
        return value;
      },
      sum: (code) => (rows[code] ?? []).reduce((total, value) => total + value, 0),
    });
    return formatCalcResult(value, format);
  } catch {
    return '';
  }
}

describe('CALC expressions', () => {
  it.each([
    ['1 + 2 * 3', '7'],
    ['(1 + 2) * 3', '9'],
    ['a - b', '2'],
    ['-a + 1', '-5'],
    ['a / b', '1.5'],
    ['1 / 3', '0.3333'],
    ['2 / 3', '0.6667'],
    ['2 ^ 10', '1024'],
    ['2 ^ 2.9', '4'],
    ['2 ^ 3 ^ 2', '512'],
    ['empty + 1', '1'],
    ['a > b', '1'],
    ['a <= b', '0'],
    ['a = 6', '1'],
    ['a != 6', '0'],
    ['a <> 6', '0'],
    ['SUM(qty)', '6'],
    ['SUM(qty) * a', '36'],
    ['IF(a > b, 10, 20)', '10'],
    ['AND(a > 1, b > 10)', '0'],
    ['OR(a > 1, b > 10)', '1'],
    ['NOT(0)', '1'],
    ['ROUND(2.345, 2)', '2.35'],
    ['ROUNDDOWN(2.345, 1)', '2.3'],
    ['ROUNDUP(2.301, 1)', '2.4'],
    ['0.1 + 0.2', '0.3'],
    ['a / 0', ''],
    ['text * 2', ''],
    ['missing + 1', ''],
    ['1 +', ''],
  ])('%s = %j', (expression, expected) => {
    expect(calc(expression)).toBe(expected);
  });

  it.each([
    [90061, 'DATETIME', '1970-01-02T01:01:00Z'],
    [86400 * 365, 'DATE', '1971-01-01'],
    [90061, 'TIME', '01:01'],
    [90060, 'HOUR_MINUTE', '25:01'],
    [-3600, 'DAY_HOUR_MINUTE', '-1:00'],
    [1234.5, 'NUMBER_DIGIT', '1234.5'],
  ])('formats %d as %s', (value, format, expected) => {
    expect(formatCalcResult(value, format)).toBe(expected);
  });
});
