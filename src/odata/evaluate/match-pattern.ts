/**
 * Patterns of `matchesPattern(text, pattern[, flags])`. OData 4.01 defines the pattern as
 * an ECMAScript regular expression with ECMAScript semantics, so it is compiled as a
 * JavaScript RegExp, always with the `u` (Unicode) flag, and tested with `test`: it
 * matches anywhere in the text unless anchored with ^ and $.
 *
 * Differences from an XML Schema pattern (xs:pattern), which some OData services use:
 * an XSD pattern is implicitly anchored (must match the whole text), has character class
 * subtraction (`[a-z-[aeiou]]`) and the escapes \i \c; ECMAScript has lookaround,
 * backreferences, lazy quantifiers and flags instead. `\d`, `\w` and `\s` are ASCII-only
 * in ECMAScript (Unicode in XSD). With the `u` flag, escaping a character that needs no
 * escape (`\-` outside a class, `\a`) is an error rather than the character itself.
 *
 * JavaScript regular expressions backtrack, so some patterns take exponential time. As a
 * guard (not a proof), patterns longer than 1,000 characters and patterns that repeat a
 * group which itself contains a repetition (`(a+)+`, `(\w*)*`, `(a{2,})+`) are refused.
 */
import type { TsunagiError } from '../../errors/tsunagi-error.js';
import { invalidPattern } from './evaluation-errors.js';

export const maximumPatternLength = 1000;

const allowedFlags = /^[ims]*$/;

/** Whether a quantifier starting at `index` repeats its atom (more than once). */
function quantifierAt(
  pattern: string,
  index: number,
): { end: number; repeats: boolean } | undefined {
  const character = pattern[index];
  if (character === '*' || character === '+') return { end: index + 1, repeats: true };
  if (character === '?') return { end: index + 1, repeats: false };
  if (character !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
  if (match === null) return undefined;
  const minimum = Number(match[1]);
  const maximum = match[2] === undefined ? minimum : match[3] === '' ? Infinity : Number(match[3]);
  return { end: index + match[0].length, repeats: maximum > 1 };
}

/** True when a repeated group contains a repetition. */
export function hasNestedRepetition(pattern: string): boolean {
  // One frame per open group: whether a quantifier occurs inside it.
  const frames: boolean[] = [false];
  let lastWasGroupWithQuantifier = false;
  let index = 0;
  while (index < pattern.length) {
    const character = pattern[index];
    if (character === '\\') {
      index += 2;
      lastWasGroupWithQuantifier = false;
      continue;
    }
    if (character === '[') {
      index++;
      while (index < pattern.length && pattern[index] !== ']') {
        index += pattern[index] === '\\' ? 2 : 1;
      }
      index++;
      lastWasGroupWithQuantifier = false;
      continue;
    }
    if (character === '(') {
      frames.push(false);
      index++;
      // Skip a group prefix: (?: (?= (?! (?<= (?<! (?<name>
      if (pattern[index] === '?') {
        index++;
        if (pattern[index] === '<' && pattern[index + 1] !== '=' && pattern[index + 1] !== '!') {
          const close = pattern.indexOf('>', index);
          index = close < 0 ? pattern.length : close + 1;
        } else {
          index += pattern[index] === '<' ? 2 : 1;
        }
      }
      lastWasGroupWithQuantifier = false;
      continue;
    }
    if (character === ')') {
      const inner = frames.pop() ?? false;
      if (frames.length === 0) frames.push(false);
      if (inner) frames[frames.length - 1] = true;
      lastWasGroupWithQuantifier = inner;
      index++;
      continue;
    }
    const quantifier = quantifierAt(pattern, index);
    if (quantifier !== undefined) {
      if (quantifier.repeats && lastWasGroupWithQuantifier) return true;
      frames[frames.length - 1] = true;
      index = quantifier.end;
      if (pattern[index] === '?') index++;
      lastWasGroupWithQuantifier = false;
      continue;
    }
    lastWasGroupWithQuantifier = false;
    index++;
  }
  return false;
}

/** The RegExp for a pattern, or the error to raise (TSG231). */
export function compilePattern(
  pattern: string,
  flags: string,
  target: string,
): RegExp | TsunagiError {
  if (pattern.length > maximumPatternLength) {
    return invalidPattern(
      `The matchesPattern pattern has ${pattern.length} characters; at most ${maximumPatternLength} are allowed.`,
      target,
    );
  }
  if (!allowedFlags.test(flags)) {
    return invalidPattern(
      `The matchesPattern flags '${flags}' are not valid: use only i, m and s.`,
      target,
    );
  }
  if (hasNestedRepetition(pattern)) {
    return invalidPattern(
      `The matchesPattern pattern '${pattern}' repeats a group that itself contains a repetition, which can take exponential time; rewrite it without nested repetition.`,
      target,
    );
  }
  try {
    return new RegExp(pattern, `${flags}u`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return invalidPattern(
      `The matchesPattern pattern '${pattern}' is not a valid ECMAScript regular expression: ${reason}.`,
      target,
    );
  }
}
