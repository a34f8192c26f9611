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
});
