/**
 * compileSearch: the gateway's own $search, for sources that cannot search. A term (or a
 * quoted phrase) matches a row when it occurs as a substring of any string column, or of
 * any element of a string collection, ignoring case (Unicode simple case folding, as a
 * JavaScript RegExp with the i and u flags: "STRASSE" does not match "straße"); AND, OR
 * and NOT combine as usual. Columns of other types are not searched.
 */
import type { Row } from '../../connectors/connector.js';
import type { EdmPrimitiveType } from '../edm/primitive-type.js';
import type { SearchExpression } from '../semantic/search.js';

export interface SearchColumn {
  readonly columnIndex: number;
  readonly type: EdmPrimitiveType;
  readonly collection: boolean;
}

type RowTest = (row: Row) => boolean;

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function compileTerm(text: string, columns: readonly SearchColumn[]): RowTest {
  if (text === '') return () => true;
  const pattern = new RegExp(escapeRegExp(text), 'iu');
  const scalarIndexes = columns.filter((column) => !column.collection).map((c) => c.columnIndex);
  const collectionIndexes = columns.filter((column) => column.collection).map((c) => c.columnIndex);
  return (row) => {
    for (let position = 0; position < scalarIndexes.length; position++) {
      const value = row[scalarIndexes[position] ?? -1];
      if (typeof value === 'string' && pattern.test(value)) return true;
    }
    for (let position = 0; position < collectionIndexes.length; position++) {
      const items = row[collectionIndexes[position] ?? -1];
      if (!Array.isArray(items)) continue;
      for (const item of items as readonly unknown[]) {
        if (typeof item === 'string' && pattern.test(item)) return true;
      }
    }
    return false;
  };
}

function compileNode(search: SearchExpression, columns: readonly SearchColumn[]): RowTest {
  switch (search.kind) {
    case 'term':
      return compileTerm(search.text, columns);
    case 'and': {
      const left = compileNode(search.left, columns);
      const right = compileNode(search.right, columns);
      return (row) => left(row) && right(row);
    }
    case 'or': {
      const left = compileNode(search.left, columns);
      const right = compileNode(search.right, columns);
      return (row) => left(row) || right(row);
    }
    case 'not': {
      const operand = compileNode(search.operand, columns);
      return (row) => !operand(row);
    }
  }
}

/** Compiles a $search expression over the given columns into a row test. */
export function compileSearch(
  search: SearchExpression,
  columns: readonly SearchColumn[],
): (row: Row) => boolean {
  return compileNode(
    search,
    columns.filter((column) => column.type === 'Edm.String'),
  );
}
