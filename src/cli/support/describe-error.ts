/**
 * How a failed command reports its error: the catalogue code and message, then one line
 * per detail (a field and what is wrong with it), so that a refused setting is named.
 */
import { isTsunagiError } from '../../errors/tsunagi-error.js';

export function describeError(error: unknown): string {
  if (isTsunagiError(error)) {
    const lines = [`${error.code}: ${error.message}`];
    if (error.details.length > 1 || error.details[0]?.message !== error.message) {
      for (const detail of error.details) {
        lines.push(
          `  - ${detail.target === undefined ? '' : `${detail.target}: `}${detail.message}`,
        );
      }
    }
    return lines.join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
