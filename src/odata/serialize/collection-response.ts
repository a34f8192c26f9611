/**
 * Streams a collection response as JSON text chunks: control information first
 * (`@odata.context`, `@odata.count`), then the `value` array entity by entity, then
 * `@odata.nextLink` (allowed after the value in the streaming format, and only known once
 * the page has been read). Chunks are about 64 KiB of UTF-8 bytes: encoding each chunk at
 * once frees the many small strings it was built from while they are still young, so
 * memory stays flat whatever the number of rows, and the consumer's backpressure paces
 * the source.
 */
import type { EntityBatch } from '../execute/entity-batch.js';
import type { Row } from '../../connectors/connector.js';
import type { EntityWriter } from './entity-writer.js';

const chunkSize = 64 * 1024;

export interface CollectionResponseInput {
  /** `@odata.context`, or undefined for odata.metadata=none. */
  readonly contextUrl: string | undefined;
  /** `@odata.count`, when $count=true. */
  readonly count: number | undefined;
  readonly batches: AsyncIterable<EntityBatch>;
  readonly writeEntity: EntityWriter;
  /**
   * Asked once the page has been written: the next link, if there is a next page. `cut`
   * is set when the page stopped early at `maxBytes`, after `rowsWritten` rows.
   */
  readonly nextLink: (
    cut: { readonly lastRow: Row; readonly rowsWritten: number } | undefined,
  ) => string | undefined;
  /**
   * Largest response in bytes (Salesforce refuses responses over 8 MB): the page stops at
   * the first row that crosses it and continues in the next page. Undefined: no limit.
   */
  readonly maxBytes?: number;
}

/**
 * Encodes text into 64 KiB buffers as it comes, so that each entity's string dies at once
 * (young) instead of joining a long-lived rope; full buffers are handed out as chunks.
 */
class ChunkBuilder {
  private buffer = Buffer.allocUnsafe(chunkSize);
  private length = 0;

  /** Appends text; returns a full chunk to send first when the text does not fit. */
  append(text: string): Buffer | undefined {
    let full: Buffer | undefined;
    if (this.length + 3 * text.length > this.buffer.length) {
      full = this.take();
      if (3 * text.length > this.buffer.length) {
        // Larger than a chunk: it goes out as a chunk of its own.
        const own = Buffer.from(text, 'utf8');
        return full === undefined ? own : Buffer.concat([full, own]);
      }
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
    return full;
  }

  /** The bytes gathered so far (undefined when none), and a fresh buffer for what follows. */
  take(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const chunk = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(chunkSize);
    this.length = 0;
    return chunk;
  }
}

export async function* writeCollectionResponse(
  input: CollectionResponseInput,
): AsyncGenerator<Buffer> {
  const chunks = new ChunkBuilder();
  let head = '{';
  if (input.contextUrl !== undefined)
    head += `"@odata.context":${JSON.stringify(input.contextUrl)},`;
  if (input.count !== undefined) head += `"@odata.count":${input.count},`;
  chunks.append(`${head}"value":[`);
  let first = true;
  let bytesSent = 0;
  let rowsWritten = 0;
  let cut: { lastRow: Row; rowsWritten: number } | undefined;
  const maxBytes = input.maxBytes ?? Number.POSITIVE_INFINITY;
  page: for await (const batch of input.batches) {
    const { rows, expanded } = batch;
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index] ?? [];
      const entity = input.writeEntity(row, expanded?.[index]);
      const full = chunks.append(first ? entity : `,${entity}`);
      first = false;
      rowsWritten++;
      if (full !== undefined) {
        bytesSent += full.length;
        yield full;
        // Checked per chunk, so a response ends at most two chunks past the limit's margin.
        if (bytesSent + 2 * chunkSize >= maxBytes) {
          cut = { lastRow: row, rowsWritten };
          break page;
        }
      }
    }
  }
  const nextLink = input.nextLink(cut);
  const tail = `]${nextLink === undefined ? '' : `,"@odata.nextLink":${JSON.stringify(nextLink)}`}}`;
  const full = chunks.append(tail);
  if (full !== undefined) yield full;
  const last = chunks.take();
  if (last !== undefined) yield last;
}
