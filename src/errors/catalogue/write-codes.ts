/**
 * TSG6xx: errors of the write path: entity bodies, ETags and $batch. Reserved for the
 * write path.
 */
import { defineCodes } from './catalogue-entry.js';

export const writeCodes = defineCodes({
  TSG600: {
    status: 400,
    title: 'Invalid entity',
    description:
      'The request body does not match the entity type. details names each offending property.',
  },
  TSG601: {
    status: 412,
    title: 'Precondition failed',
    description:
      'The If-Match or If-None-Match condition does not hold: the entity has changed since it was read.',
  },
  TSG602: {
    status: 428,
    title: 'Precondition required',
    description: 'This entity set requires If-Match on updates and deletes.',
  },
  TSG603: {
    status: 403,
    title: 'Entity set is read-only',
    description: 'The entity set does not allow this kind of change (insert, update or delete).',
  },
  TSG612: {
    status: 400,
    title: 'Lookup value not found',
    description:
      'A lookup field names a value that does not exist in the app it looks up, or the connection may not read that app (GAIA_LO04). Nothing was changed.',
  },
  TSG613: {
    status: 400,
    title: 'Too many changes for one atomic write',
    description:
      'The changes of one atomic request need more source calls than the source applies in one transaction (Kintone: 20 requests per bulkRequest). Split the request.',
  },
  TSG614: {
    status: 502,
    title: 'Write outcome unknown',
    description:
      'The connection to the source was lost after a change was sent, so the gateway cannot tell whether it was applied. It was not retried, to avoid applying it twice: read the entity before trying again.',
  },
});
