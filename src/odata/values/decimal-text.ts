/**
 * Edm.Decimal values, held as text so that they pass through exactly: validation,
 * normalisation ("012.50" → "12.5"), exact comparison without allocating, and conversion
 * to and from a scaled integer (`unscaled × 10^-scale`) for exact arithmetic.
 *
 * Accepted text: `[+|-]digits[.digits][(e|E)[+|-]digits]`, and the special values `INF`,
 * `-INF` and `NaN` that OData 4.01 allows for every numeric type.
 */

/** A finite decimal: `unscaled × 10^-scale` (the scale may be negative). */
export interface DecimalNumber {
  readonly unscaled: bigint;
  readonly scale: number;
}

/** Where the parts of a plain decimal text are (no exponent). Reused: never allocate. */
interface PlainLayout {
  negative: boolean;
  /** First significant digit of the integer part (leading zeros skipped). */
  integerStart: number;
  integerEnd: number;
  fractionStart: number;
  /** End of the fraction without trailing zeros. */
  fractionEnd: number;
}

function createLayout(): PlainLayout {
  return { negative: false, integerStart: 0, integerEnd: 0, fractionStart: 0, fractionEnd: 0 };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads a decimal without exponent; false when `text` is not one. */
function scanPlain(text: string, layout: PlainLayout): boolean {
  const length = text.length;
  let index = 0;
  const first = text.charCodeAt(0);
  layout.negative = first === 45;
  if (first === 45 || first === 43) index++;
  let integerStart = index;
  while (index < length && isDigit(text.charCodeAt(index))) index++;
  const integerEnd = index;
  if (integerEnd === integerStart) return false;
  let fractionStart = index;
  let fractionEnd = index;
  if (index < length && text.charCodeAt(index) === 46) {
    index++;
    fractionStart = index;
    while (index < length && isDigit(text.charCodeAt(index))) index++;
    fractionEnd = index;
    if (fractionEnd === fractionStart) return false;
  }
  if (index !== length) return false;
  while (integerStart < integerEnd && text.charCodeAt(integerStart) === 48) integerStart++;
  while (fractionEnd > fractionStart && text.charCodeAt(fractionEnd - 1) === 48) fractionEnd--;
  layout.integerStart = integerStart;
  layout.integerEnd = integerEnd;
  layout.fractionStart = fractionStart;
  layout.fractionEnd = fractionEnd;
  return true;
}

function isZero(layout: PlainLayout): boolean {
  return layout.integerStart === layout.integerEnd && layout.fractionStart === layout.fractionEnd;
}

/** Compares magnitudes of two scanned plain decimals. */
function compareMagnitudes(
  left: string,
  leftLayout: PlainLayout,
  right: string,
  rightLayout: PlainLayout,
): number {
  const leftIntegerLength = leftLayout.integerEnd - leftLayout.integerStart;
  const rightIntegerLength = rightLayout.integerEnd - rightLayout.integerStart;
  if (leftIntegerLength !== rightIntegerLength) {
    return leftIntegerLength < rightIntegerLength ? -1 : 1;
  }
  for (let offset = 0; offset < leftIntegerLength; offset++) {
    const leftCode = left.charCodeAt(leftLayout.integerStart + offset);
    const rightCode = right.charCodeAt(rightLayout.integerStart + offset);
    if (leftCode !== rightCode) return leftCode < rightCode ? -1 : 1;
  }
  const leftFractionLength = leftLayout.fractionEnd - leftLayout.fractionStart;
  const rightFractionLength = rightLayout.fractionEnd - rightLayout.fractionStart;
  const fractionLength = Math.max(leftFractionLength, rightFractionLength);
  for (let offset = 0; offset < fractionLength; offset++) {
    const leftCode =
      offset < leftFractionLength ? left.charCodeAt(leftLayout.fractionStart + offset) : 48;
    const rightCode =
      offset < rightFractionLength ? right.charCodeAt(rightLayout.fractionStart + offset) : 48;
    if (leftCode !== rightCode) return leftCode < rightCode ? -1 : 1;
  }
  return 0;
}

const leftLayout = createLayout();
const rightLayout = createLayout();

/** -1, 1 for -INF, INF; NaN for NaN; 0 for any other text. */
function specialRank(text: string): number {
  if (text === 'INF') return 1;
  if (text === '-INF') return -1;
  if (text === 'NaN') return NaN;
  return 0;
}

/**
 * Orders two decimal texts exactly: negative, 0 or positive; NaN when either is NaN or
 * not a decimal (so that every comparison operator but `ne` is false, as for doubles).
 * Plain texts (no exponent) are compared digit by digit without allocating.
 */
export function compareDecimalText(left: string, right: string): number {
  if (scanPlain(left, leftLayout) && scanPlain(right, rightLayout)) {
    return compareScanned(left, right);
  }
  const leftRank = specialRank(left);
  const rightRank = specialRank(right);
  if (Number.isNaN(leftRank) || Number.isNaN(rightRank)) return NaN;
  if (leftRank !== 0 || rightRank !== 0) {
    if (leftRank !== 0 && rightRank === 0 && normalizeDecimal(right) === undefined) return NaN;
    if (rightRank !== 0 && leftRank === 0 && normalizeDecimal(left) === undefined) return NaN;
    return leftRank < rightRank ? -1 : leftRank > rightRank ? 1 : 0;
  }
  const normalizedLeft = normalizeDecimal(left);
  const normalizedRight = normalizeDecimal(right);
  if (normalizedLeft === undefined || normalizedRight === undefined) return NaN;
  scanPlain(normalizedLeft, leftLayout);
  scanPlain(normalizedRight, rightLayout);
  return compareScanned(normalizedLeft, normalizedRight);
}

function compareScanned(left: string, right: string): number {
  const leftSign = isZero(leftLayout) ? 0 : leftLayout.negative ? -1 : 1;
  const rightSign = isZero(rightLayout) ? 0 : rightLayout.negative ? -1 : 1;
  if (leftSign !== rightSign) return leftSign < rightSign ? -1 : 1;
  if (leftSign === 0) return 0;
  const magnitude = compareMagnitudes(left, leftLayout, right, rightLayout);
  return leftSign < 0 ? -magnitude : magnitude;
}

const normalizeLayout = createLayout();

/**
 * The canonical text of a decimal: no "+", no leading zeros, no trailing fractional
 * zeros, no exponent, "0" for any zero ("012.50" → "12.5", "-0.0" → "0", "1e3" → "1000").
 * Special values are returned as they are. Undefined when `text` is not a decimal.
 * Returns `text` itself (no allocation) when it is already canonical.
 */
export function normalizeDecimal(text: string): string | undefined {
  if (scanPlain(text, normalizeLayout)) {
    const layout = normalizeLayout;
    if (isZero(layout)) return '0';
    const hasFraction = layout.fractionEnd > layout.fractionStart;
    const canonicalEnd = hasFraction ? layout.fractionEnd : layout.integerEnd;
    const canonicalStart = layout.negative ? 1 : 0;
    const integerStart =
      layout.integerStart === layout.integerEnd ? layout.integerStart - 1 : layout.integerStart;
    if (integerStart === canonicalStart && canonicalEnd === text.length) return text;
    const integer =
      layout.integerStart === layout.integerEnd
        ? '0'
        : text.slice(layout.integerStart, layout.integerEnd);
    const fraction = hasFraction ? `.${text.slice(layout.fractionStart, layout.fractionEnd)}` : '';
    return `${layout.negative ? '-' : ''}${integer}${fraction}`;
  }
  if (text === 'INF' || text === '-INF' || text === 'NaN') return text;
  const parsed = parseDecimal(text);
  return parsed === undefined ? undefined : formatDecimal(parsed.unscaled, parsed.scale);
}

const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Largest exponent accepted, so that a hostile "1e999999999" cannot exhaust memory. */
const maxExponent = 6144;

/** The exact value of a finite decimal text, or undefined (also for INF, -INF, NaN). */
export function parseDecimal(text: string): DecimalNumber | undefined {
  const match = decimalPattern.exec(text);
  if (match === null) return undefined;
  const [, sign = '', integer = '', fraction = '', exponent = '0'] = match;
  const exponentValue = Number(exponent);
  if (Math.abs(exponentValue) > maxExponent) return undefined;
  const magnitude = BigInt(integer + fraction);
  return {
    unscaled: sign === '-' ? -magnitude : magnitude,
    scale: fraction.length - exponentValue,
  };
}

/** Canonical text of `unscaled × 10^-scale` (see normalizeDecimal). */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (unscaled === 0n) return '0';
  let value = unscaled;
  let valueScale = scale;
  while (valueScale > 0 && value % 10n === 0n) {
    value /= 10n;
    valueScale--;
  }
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const sign = negative ? '-' : '';
  if (valueScale <= 0) return `${sign}${digits}${'0'.repeat(-valueScale)}`;
  if (digits.length <= valueScale) {
    return `${sign}0.${'0'.repeat(valueScale - digits.length)}${digits}`;
  }
  const split = digits.length - valueScale;
  return `${sign}${digits.slice(0, split)}.${digits.slice(split)}`;
}

/** True when `text` is a decimal (special values included). */
export function isDecimalText(text: string): boolean {
  return normalizeDecimal(text) !== undefined;
}
