import { describe, expect, it } from 'vitest';
import { scanHint } from './scan-hint.js';

const unbounded = Number.MAX_SAFE_INTEGER;

describe('scanHint', () => {
  it.each([
    ['', 'desc', 1, unbounded],
    ['limit 10', 'desc', 1, unbounded],
    ['$id > 100 order by $id asc limit 500', 'asc', 101, unbounded],
    ['(status in ("A")) and $id > 5 order by $id asc limit 500', 'asc', 6, unbounded],
    ['$id >= 3 and $id <= 9', 'desc', 3, 9],
    ['$id = "7"', 'desc', 7, 7],
    ['$id > 5 or x = 1', 'desc', 1, unbounded],
    ['x = 1 order by $id desc', 'desc', 1, unbounded],
    ['x = 1 order by x asc', undefined, 1, unbounded],
    ['x = 1 order by $id asc, x desc', undefined, 1, unbounded],
    ['x = 1 order by $id', undefined, 1, unbounded],
    ['title = "order by x" and $id < 4', 'desc', 1, 3],
    ['title = "a \\" or $id > 9"', 'desc', 1, unbounded],
    ['title = "unterminated', undefined, 1, unbounded],
  ])('%s', (query, order, minimum, maximum) => {
    expect(scanHint(query)).toEqual({ idOrder: order, minimumId: minimum, maximumId: maximum });
  });
});
