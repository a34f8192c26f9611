/**
 * The domain's open cursors (facts sheet §8): the fixed list of matching record ids taken
 * at creation, the position reached, the page size and the expiry (10 minutes, extended by
 * each read that leaves records). Cursors are transient: they are not persisted.
 */

export interface OpenCursor {
  readonly id: string;
  readonly app: number;
  readonly fields: readonly string[] | undefined;
  readonly ids: readonly number[];
  readonly size: number;
  readonly totalCount: number;
  position: number;
  expiresAt: number;
}

export const cursorLifetimeMilliseconds = 10 * 60 * 1000;
export const maximumOpenCursors = 10;

export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();

  /** Drops expired cursors; returns the number still open. */
  openCount(now: number): number {
    for (const [id, cursor] of this.cursors) {
      if (cursor.expiresAt <= now) this.cursors.delete(id);
    }
    return this.cursors.size;
  }

  add(cursor: OpenCursor): void {
    this.cursors.set(cursor.id, cursor);
  }

  get(id: string, now: number): OpenCursor | undefined {
    const cursor = this.cursors.get(id);
    if (cursor === undefined) return undefined;
    if (cursor.expiresAt <= now) {
      this.cursors.delete(id);
      return undefined;
    }
    return cursor;
  }

  delete(id: string): boolean {
    return this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }
}
