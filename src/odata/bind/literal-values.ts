/**
 * From URL literals to typed values. A literal has a natural type (integers the smallest
 * integer type that holds them, as the spec's numeric promotion expects: 5 is Edm.Byte,
 * -5 Edm.SByte, 300 Edm.Int16, beyond Int64 Edm.Decimal; `1.5` Edm.Decimal; `1e3`, NaN
 * and INF Edm.Double), and can be read as another type where that loses nothing: an
 * integer as any integer type that holds it, a decimal or a double, a decimal as a
 * double, a string as a duration (`'P1D'`, the ABNF's bare duration), a date as a
 * date-time at midnight UTC. The binder uses this to give a literal the type of what it is
 * compared with, so that `Score eq 5` compares two Edm.Int32 values.
 */
import type { EdmPrimitiveType, Value } from '../edm/primitive-type.js';
import type { LiteralSyntax } from '../syntax/expression-syntax.js';
import { isDurationText } from '../syntax/literal-scanner.js';
import {
  canonicalDecimal,
  decodeBase64Url,
  integerValue,
  normalizeDateTimeOffset,
  smallestIntegerType,
  withSeconds,
} from '../syntax/primitive-value-parser.js';

/** The type a literal has on its own; undefined for literals the gateway has no type for (enum, geo). */
export function naturalLiteralType(literal: LiteralSyntax): EdmPrimitiveType | 'null' | undefined {
  switch (literal.literalKind) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'Edm.Boolean';
    case 'integer':
      return smallestIntegerType(literal.value) ?? 'Edm.Decimal';
    case 'decimal':
      return 'Edm.Decimal';
    case 'double':
      return 'Edm.Double';
    case 'string':
      return 'Edm.String';
    case 'date':
      return 'Edm.Date';
    case 'dateTimeOffset':
      return 'Edm.DateTimeOffset';
    case 'timeOfDay':
      return 'Edm.TimeOfDay';
    case 'duration':
      return 'Edm.Duration';
    case 'guid':
      return 'Edm.Guid';
    case 'binary':
      return 'Edm.Binary';
    case 'enum':
    case 'geography':
    case 'geometry':
      return undefined;
  }
}

/** The literal's value read as `type`, or undefined when it is not a value of that type. */
export function literalValueAs(literal: LiteralSyntax, type: EdmPrimitiveType): Value | undefined {
  const text = literal.value;
  switch (literal.literalKind) {
    case 'null':
      return null;
    case 'boolean':
      return type === 'Edm.Boolean' ? text === 'true' : undefined;
    case 'integer':
      if (type === 'Edm.Decimal') return canonicalDecimal(text);
      if (type === 'Edm.Double' || type === 'Edm.Single') return Number(text);
      return integerValue(text, type);
    case 'decimal':
      if (type === 'Edm.Decimal') return canonicalDecimal(text);
      if (type === 'Edm.Double' || type === 'Edm.Single') return Number(text);
      return undefined;
    case 'double':
      if (type === 'Edm.Double' || type === 'Edm.Single') return doubleValue(text);
      if (type === 'Edm.Decimal' && Number.isFinite(Number(text))) return canonicalDecimal(text);
      return undefined;
    case 'string':
      if (type === 'Edm.String') return text;
      if (type === 'Edm.Duration' && isDurationText(text)) return text;
      return undefined;
    case 'date':
      if (type === 'Edm.Date') return text;
      if (type === 'Edm.DateTimeOffset') return `${text}T00:00:00Z`;
      return undefined;
    case 'dateTimeOffset':
      return type === 'Edm.DateTimeOffset' ? normalizeDateTimeOffset(text) : undefined;
    case 'timeOfDay':
      return type === 'Edm.TimeOfDay' ? withSeconds(text) : undefined;
    case 'duration':
      return type === 'Edm.Duration' ? text : undefined;
    case 'guid':
      return type === 'Edm.Guid' ? text.toLowerCase() : undefined;
    case 'binary':
      return type === 'Edm.Binary' ? decodeBase64Url(text) : undefined;
    case 'enum':
    case 'geography':
    case 'geometry':
      return undefined;
  }
}

function doubleValue(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === 'INF') return Number.POSITIVE_INFINITY;
  if (text === '-INF') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Human wording of a literal kind for messages. */
export function literalDescription(literal: LiteralSyntax): string {
  switch (literal.literalKind) {
    case 'enum':
      return `the enumeration literal ${literal.typeName ?? ''}'${literal.value}'`;
    case 'geography':
    case 'geometry':
      return `the ${literal.literalKind} literal`;
    default:
      return `the ${literal.literalKind} literal`;
  }
}
