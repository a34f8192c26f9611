/**
 * Joins an executed read to the collection writer: compiles the entity writer for the
 * set's shape, counts the rows written (for the query log) and turns the next page's
 * position into a next link once the page has been streamed.
 */
import type { EntitySetModel } from '../../odata/edm/service-model.js';
import type { EntityBatch } from '../../odata/execute/entity-batch.js';
import type { ReadExecution } from '../../odata/execute/execute-read.js';
import type { PagePosition } from '../../odata/paging/skip-token.js';
import type { CollectionOptions } from '../../odata/semantic/query.js';
import { writeCollectionResponse } from '../../odata/serialize/collection-response.js';
import { collectionContextUrl } from '../../odata/serialize/context-url.js';
import { compileEntityWriter } from '../../odata/serialize/entity-writer.js';
import type { Representation } from '../../odata/serialize/representation.js';

export interface CollectionResponseSource {
  readonly set: EntitySetModel;
  readonly options: CollectionOptions;
  readonly representation: Representation;
  readonly namespace: string;
  readonly execution: ReadExecution;
  readonly onRows: (rows: number) => void;
  readonly nextLink: (position: PagePosition) => string;
  /** Cut the page (and continue in the next) when the response reaches this size. */
  readonly maxBytes?: number;
}

export function collectionResponseFor(source: CollectionResponseSource): AsyncGenerator<Buffer> {
  const { set, options, representation, execution } = source;
  async function* counted(): AsyncGenerator<EntityBatch> {
    for await (const batch of execution.batches) {
      source.onRows(batch.rows.length);
      yield batch;
    }
  }
  return writeCollectionResponse({
    contextUrl:
      representation.metadata === 'none'
        ? undefined
        : collectionContextUrl(
            representation.serviceRoot,
            set.name,
            options,
            representation.version,
          ),
    count: execution.count,
    batches: counted(),
    writeEntity: compileEntityWriter({ set, options, representation, namespace: source.namespace }),
    nextLink: (cut) => {
      const position =
        cut === undefined
          ? execution.nextPosition()
          : execution.positionAfter(cut.lastRow, cut.rowsWritten);
      return position === undefined ? undefined : source.nextLink(position);
    },
    ...(source.maxBytes === undefined ? {} : { maxBytes: source.maxBytes }),
  });
}
