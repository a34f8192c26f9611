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

export async function* writeCollectionResponse(
  input: CollectionResponseInput,
): AsyncGenerator<Buffer> {
  let text = '{';
  if (input.contextUrl !== undefined)
    text += `"@odata.context":${JSON.stringify(input.contextUrl)},`;
  if (input.count !== undefined) text += `"@odata.count":${input.count},`;
  text += '"value":[';
  let first = true;
  let bytesSent = 0;
  let rowsWritten = 0;
  let cut: { lastRow: Row; rowsWritten: number } | undefined;
  const maxBytes = input.maxBytes ?? Number.POSITIVE_INFINITY;
  page: for await (const batch of input.batches) {
    const { rows, expanded } = batch;
    for (let index = 0; index < rows.length; index++) {
      if (!first) text += ',';
      first = false;
      const row = rows[index] ?? [];
      text += input.writeEntity(row, expanded?.[index]);
      rowsWritten++;
      if (text.length >= chunkSize) {
        const chunk = Buffer.from(text, 'utf8');
        bytesSent += chunk.length;
        yield chunk;
        text = '';
        // Checked per chunk: a chunk of 64 KiB characters is at most 192 KiB of UTF-8.
        if (bytesSent + 3 * chunkSize >= maxBytes) {
          cut = { lastRow: row, rowsWritten };
          break page;
        }
      }
    }
  }
  text += ']';
  const nextLink = input.nextLink(cut);
  if (nextLink !== undefined) text += `,"@odata.nextLink":${JSON.stringify(nextLink)}`;
  yield Buffer.from(`${text}}`, 'utf8');
}
