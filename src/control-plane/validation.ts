/**
 * Input checks shared by the services: every problem is collected and reported at once as
 * TSG500 with one detail per field, so that a form can mark every wrong field.
 */
import { TsunagiError, type ErrorDetail } from '../errors/tsunagi-error.js';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export function invalidInput(problems: readonly FieldProblem[], summary?: string): TsunagiError {
  const details: ErrorDetail[] = problems.map((problem) => ({
    code: 'TSG500',
    message: problem.message,
    target: problem.field,
  }));
  const first = problems[0];
  return new TsunagiError(
    'TSG500',
    summary ??
      (problems.length === 1 && first !== undefined
        ? first.message
        : `${problems.length} fields are not valid: ${problems.map((p) => p.field).join(', ')}.`),
    { details, ...(first === undefined ? {} : { target: first.field }) },
  );
}

export function throwIfProblems(problems: readonly FieldProblem[], summary?: string): void {
  if (problems.length > 0) throw invalidInput(problems, summary);
}

export function notFound(what: string, id: string): TsunagiError {
  return new TsunagiError('TSG501', `${what} ${id} does not exist.`, { target: id });
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed e-mail address, or a problem. */
export function checkEmail(value: unknown, problems: FieldProblem[]): string {
  if (typeof value !== 'string' || !emailPattern.test(value.trim()) || value.trim().length > 254) {
    problems.push({ field: 'email', message: 'Enter a valid e-mail address.' });
    return '';
  }
  return value.trim();
}

export function checkText(
  value: unknown,
  field: string,
  label: string,
  problems: FieldProblem[],
  options: { readonly required: boolean; readonly maximumLength: number },
): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (options.required) problems.push({ field, message: `${label} is required.` });
    return '';
  }
  if (typeof value !== 'string') {
    problems.push({ field, message: `${label} must be text.` });
    return '';
  }
  const trimmed = value.trim();
  if (trimmed.length > options.maximumLength) {
    problems.push({
      field,
      message: `${label} must have at most ${options.maximumLength} characters.`,
    });
  }
  if ([...trimmed].some((character) => character.charCodeAt(0) < 0x20 || character === '\u007f')) {
    problems.push({ field, message: `${label} must not contain control characters.` });
  }
  return trimmed;
}
