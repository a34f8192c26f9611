/**
 * Whether two values of a property are the same value: decimals by their number, date-times
 * by their instant, GUIDs case-insensitively, collections element by element. Used to let
 * clients repeat unchanged read-only values in an update.
 */
import {
  isCollectionValue,
  type EdmPrimitiveType,
  type PrimitiveValue,
  type Value,
} from '../edm/primitive-type.js';
import { canonicalDecimal } from './json-to-value.js';

function samePrimitive(
  type: EdmPrimitiveType,
  left: PrimitiveValue,
  right: PrimitiveValue,
): boolean {
  if (left === right) return true;
  switch (type) {
    case 'Edm.Decimal':
      return canonicalDecimal(String(left)) === canonicalDecimal(String(right));
    case 'Edm.DateTimeOffset': {
      const leftTime = Date.parse(String(left));
      return !Number.isNaN(leftTime) && leftTime === Date.parse(String(right));
    }
    case 'Edm.Guid':
      return String(left).toLowerCase() === String(right).toLowerCase();
    case 'Edm.Int64':
      return String(left) === String(right);
    case 'Edm.Binary':
      return (
        left instanceof Uint8Array &&
        right instanceof Uint8Array &&
        Buffer.from(left).equals(Buffer.from(right))
      );
    case 'Edm.Double':
    case 'Edm.Single':
      return Number.isNaN(left) && Number.isNaN(right);
    default:
      return false;
  }
}

export function sameValue(type: EdmPrimitiveType, left: Value, right: Value): boolean {
  if (left === null || right === null) return left === right;
  if (isCollectionValue(left) || isCollectionValue(right)) {
    if (!isCollectionValue(left) || !isCollectionValue(right) || left.length !== right.length)
      return false;
    return left.every((element, index) =>
      samePrimitive(type, element, right[index] as PrimitiveValue),
    );
  }
  return samePrimitive(type, left, right);
}
