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
import type { EntityWriter } from './entity-writer.js';

const chunkSize = 64 * 1024;

export interface CollectionResponseInput {
  /** `@odata.context`, or undefined for odata.metadata=none. */
  readonly contextUrl: string | undefined;
  /** `@odata.count`, when $count=true. */
  readonly count: number | undefined;
  readonly batches: AsyncIterable<EntityBatch>;
  readonly writeEntity: EntityWriter;
  /** Asked once every batch has been written: the next link, if there is a next page. */
  readonly nextLink: () => string | undefined;
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
  for await (const batch of input.batches) {
    const { rows, expanded } = batch;
    for (let index = 0; index < rows.length; index++) {
      if (!first) text += ',';
      first = false;
      text += input.writeEntity(rows[index] ?? [], expanded?.[index]);
      if (text.length >= chunkSize) {
        yield Buffer.from(text, 'utf8');
        text = '';
      }
    }
  }
  text += ']';
  const nextLink = input.nextLink();
  if (nextLink !== undefined) text += `,"@odata.nextLink":${JSON.stringify(nextLink)}`;
  yield Buffer.from(`${text}}`, 'utf8');
}
