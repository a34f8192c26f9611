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
  TSG604: {
    status: 403,
    title: 'CSRF token required',
    description:
      'This service requires a CSRF token on changes: GET any resource with the header X-CSRF-Token: Fetch, then send the token it returns in X-CSRF-Token with every POST, PATCH, PUT, DELETE and $batch (Salesforce does this when CSRF protection is enabled on the external data source).',
  },
  TSG612: {
    status: 400,
    title: 'Lookup value not found',
    description:
      'A lookup field names a value that does not exist in the app it looks up, or the connection may not read that app (GAIA_LO04). Nothing was changed.',
  },
  TSG613: {
    status: 502,
    title: 'Write outcome unknown',
    description:
      'The connection to the source was lost after a change was sent, so the gateway cannot tell whether it was applied. It was not retried, to avoid applying it twice: read the entity before trying again.',
  },
  TSG630: {
    status: 400,
    title: 'Malformed batch request',
    description:
      'The $batch body is not a valid multipart/mixed (OData 4.0) or JSON (OData 4.01) batch: missing boundary, malformed part, request line or JSON member. The message says which part.',
  },
  TSG631: {
    status: 400,
    title: 'Too many requests in a batch',
    description:
      'The $batch holds more requests than the configured limit (limits.maxBatchRequests).',
  },
  TSG632: {
    status: 400,
    title: 'Change set cannot be applied atomically',
    description:
      'A change set (atomicity group) mixes entity sets of different connections, holds more changes than the source can apply in one transaction (Kintone: 20), contains a read, or refers to an entity created in the same change set. Nothing of it was written.',
  },
  TSG633: {
    status: 424,
    title: 'Not executed: a request it depends on failed',
    description:
      'The request was part of a change set that failed, or depends (dependsOn) on a request that failed; it was not executed.',
  },
});
