/**
 * The functions of the query language (facts sheet §5.3): which exist, what kind of value
 * each yields, the checks on their arguments (`GAIA_IL08` wrong count or kind, `GAIA_IQ23`
 * bad day, `GAIA_IQ25` bad unit), and the day ranges of the date functions.
 *
 * Date functions are evaluated at compile time from "today", the day `context.now` falls
 * on in the user's time zone (`context.timeZone`); month and year functions use the same
 * zone. Every date function denotes an inclusive range of days: `TODAY()` one day,
 * `THIS_WEEK()` Sunday–Saturday, `THIS_WEEK(MONDAY)` that week's Monday, `THIS_MONTH()` the
 * whole month, `THIS_MONTH(15)` / `THIS_MONTH(LAST)` one day of it (a day past the month's
 * end, e.g. `THIS_MONTH(31)` in April, is clamped to the last day), `THIS_YEAR()` the year,
 * `FROM_TODAY(n, DAYS|WEEKS|MONTHS|YEARS)` one day (month and year steps clamp the day of
 * the month). Function names and symbol arguments are upper case, as documented.
 */
import { queryError } from './query-error-messages.js';
import type { ValueNode } from './query-syntax-tree.js';
import {
  addMonths,
  civilDateOf,
  dayNumberOf,
  dayOfWeek,
  daysInMonth,
} from './time-zone-calendar.js';

type FunctionNode = Extract<ValueNode, { kind: 'function' }>;

/** What a function yields. */
export type FunctionCategory =
  /** `LOGINUSER()`: the calling user's code. */
  | 'login-user'
  /** `PRIMARY_ORGANIZATION()`: the caller's primary organization's code, if any. */
  | 'primary-organization'
  /** `NOW()`: the current minute. */
  | 'now'
  /** Every other function: a range of days in the user's time zone. */
  | 'days';

const categories: Readonly<Record<string, FunctionCategory>> = {
  LOGINUSER: 'login-user',
  PRIMARY_ORGANIZATION: 'primary-organization',
  NOW: 'now',
  TODAY: 'days',
  YESTERDAY: 'days',
  TOMORROW: 'days',
  FROM_TODAY: 'days',
  THIS_WEEK: 'days',
  LAST_WEEK: 'days',
  NEXT_WEEK: 'days',
  THIS_MONTH: 'days',
  LAST_MONTH: 'days',
  NEXT_MONTH: 'days',
  THIS_YEAR: 'days',
  LAST_YEAR: 'days',
  NEXT_YEAR: 'days',
};

/** The category of a function, or undefined for an unknown name. */
export function functionCategory(name: string): FunctionCategory | undefined {
  return Object.hasOwn(categories, name) ? categories[name] : undefined;
}

/** An inclusive range of day numbers. */
export interface DayRange {
  readonly first: number;
  readonly last: number;
}

const weekdays: readonly string[] = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];

function argumentText(node: FunctionNode, index: number): string {
  const argument = node.arguments[index];
  if (argument === undefined) return '';
  switch (argument.kind) {
    case 'integer':
      return argument.text;
    case 'symbol':
      return argument.name;
    case 'string':
      return `"${argument.value}"`;
  }
}

const expectedArguments = {
  none: { expected: 'no arguments', expectedJapanese: '引数なし' },
  fromToday: {
    expected: 'two arguments: an integer and DAYS, WEEKS, MONTHS or YEARS',
    expectedJapanese: '2つの引数（整数と、DAYS、WEEKS、MONTHS、YEARSのいずれか）',
  },
  week: {
    expected: 'no argument or one of SUNDAY to SATURDAY',
    expectedJapanese: '引数なし、またはSUNDAY〜SATURDAYのいずれか1つ',
  },
  month: {
    expected: 'no argument or one day: 1 to 31 or LAST',
    expectedJapanese: '引数なし、または日付1つ（1〜31またはLAST）',
  },
} as const;

function wrongArguments(
  node: FunctionNode,
  expectation: (typeof expectedArguments)[keyof typeof expectedArguments],
): never {
  throw queryError('GAIA_IL08', { function: `${node.name}()`, ...expectation });
}

/** Checks a function that takes no arguments (`LOGINUSER()`, `NOW()`, `TODAY()` ...). */
export function checkNoArguments(node: FunctionNode): void {
  if (node.arguments.length > 0) wrongArguments(node, expectedArguments.none);
}

/** The days a date function denotes, given today's day number. Throws on bad arguments. */
export function evaluateDayFunction(node: FunctionNode, today: number): DayRange {
  switch (node.name) {
    case 'TODAY':
      checkNoArguments(node);
      return { first: today, last: today };
    case 'YESTERDAY':
      checkNoArguments(node);
      return { first: today - 1, last: today - 1 };
    case 'TOMORROW':
      checkNoArguments(node);
      return { first: today + 1, last: today + 1 };
    case 'FROM_TODAY':
      return fromToday(node, today);
    case 'THIS_WEEK':
      return week(node, today);
    case 'LAST_WEEK':
      return week(node, today - 7);
    case 'NEXT_WEEK':
      return week(node, today + 7);
    case 'THIS_MONTH':
      return month(node, today, 0);
    case 'LAST_MONTH':
      return month(node, today, -1);
    case 'NEXT_MONTH':
      return month(node, today, 1);
    case 'THIS_YEAR':
      return year(node, today, 0);
    case 'LAST_YEAR':
      return year(node, today, -1);
    case 'NEXT_YEAR':
      return year(node, today, 1);
    default:
      throw new Error(`${node.name} is not a date function`);
  }
}

function fromToday(node: FunctionNode, today: number): DayRange {
  const [amount, unit] = node.arguments;
  if (node.arguments.length !== 2 || amount?.kind !== 'integer' || unit === undefined) {
    return wrongArguments(node, expectedArguments.fromToday);
  }
  if (unit.kind !== 'symbol') {
    throw queryError('GAIA_IQ25', { value: argumentText(node, 1) });
  }
  let day: number;
  switch (unit.name) {
    case 'DAYS':
      day = today + amount.value;
      break;
    case 'WEEKS':
      day = today + amount.value * 7;
      break;
    case 'MONTHS':
      day = addMonths(civilDateOf(today), amount.value);
      break;
    case 'YEARS':
      day = addMonths(civilDateOf(today), amount.value * 12);
      break;
    default:
      throw queryError('GAIA_IQ25', { value: unit.name });
  }
  return { first: day, last: day };
}

function week(node: FunctionNode, dayInWeek: number): DayRange {
  if (node.arguments.length > 1) wrongArguments(node, expectedArguments.week);
  const sunday = dayInWeek - dayOfWeek(dayInWeek);
  const [argument] = node.arguments;
  if (argument === undefined) return { first: sunday, last: sunday + 6 };
  const weekday = argument.kind === 'symbol' ? weekdays.indexOf(argument.name) : -1;
  if (weekday < 0) {
    throw queryError('GAIA_IQ23', { function: `${node.name}()`, value: argumentText(node, 0) });
  }
  return { first: sunday + weekday, last: sunday + weekday };
}

function month(node: FunctionNode, today: number, monthsAhead: number): DayRange {
  if (node.arguments.length > 1) wrongArguments(node, expectedArguments.month);
  const current = civilDateOf(today);
  const monthIndex = current.year * 12 + (current.month - 1) + monthsAhead;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const length = daysInMonth(targetYear, targetMonth);
  const firstDay = dayNumberOf(targetYear, targetMonth, 1);
  const [argument] = node.arguments;
  if (argument === undefined) return { first: firstDay, last: firstDay + length - 1 };
  if (argument.kind === 'symbol' && argument.name === 'LAST') {
    return { first: firstDay + length - 1, last: firstDay + length - 1 };
  }
  if (argument.kind === 'integer' && argument.value >= 1 && argument.value <= 31) {
    const day = firstDay + Math.min(argument.value, length) - 1;
    return { first: day, last: day };
  }
  throw queryError('GAIA_IQ23', { function: `${node.name}()`, value: argumentText(node, 0) });
}

function year(node: FunctionNode, today: number, yearsAhead: number): DayRange {
  checkNoArguments(node);
  const targetYear = civilDateOf(today).year + yearsAhead;
  return { first: dayNumberOf(targetYear, 1, 1), last: dayNumberOf(targetYear, 12, 31) };
}
