/**
 * TSG4xx: errors raised while talking to a source through a connector. The request was
 * valid; the source refused it, failed or could not be reached.
 */
import { defineCodes } from './catalogue-entry.js';

export const connectorCodes = defineCodes({
  TSG400: {
    status: 502,
    title: 'Source error',
    description:
      'The source system answered with an error the gateway cannot map to a more precise code. Its own code and message are in details.',
  },
  TSG401: {
    status: 504,
    title: 'Source timeout',
    description: 'The source did not answer within the connection timeout, retries included.',
  },
  TSG402: {
    status: 503,
    title: 'Source unavailable',
    description:
      'The source could not be reached, or kept answering "busy" (rate limits, maintenance) until the request deadline.',
  },
  TSG403: {
    status: 502,
    title: 'Source refused the connection credentials',
    description:
      "The source rejected the credentials stored in the connection (not the caller's). An administrator must fix the connection.",
  },
  TSG404: {
    status: 503,
    title: 'Connection not available',
    description:
      'The connection that serves this entity set is missing, disabled, or its schema could not be loaded.',
  },
  TSG405: {
    status: 404,
    title: 'Kintone app not found',
    description:
      'The Kintone app behind this entity set no longer exists, or is no longer visible to the connection (deleted, moved to another space, or its permissions changed). Refresh the connection schema.',
  },
  TSG406: {
    status: 502,
    title: 'Kintone rejected the query',
    description:
      "Kintone refused the query the gateway built (GAIA_IQxx, CB_VA01 on the query). Usually the app's fields changed since the schema was read: refresh the connection schema. Kintone's code and message are in details.",
  },
  TSG407: {
    status: 502,
    title: 'Wrong guest space',
    description:
      "The app is inside a guest space and must be called with the guest space ID, or the connection's guest space ID does not match the app's (GAIA_IL23, CB_NO02 on a guest path). Fix the guest space ID of the connection.",
  },
  TSG408: {
    status: 502,
    title: 'Kintone result incomplete',
    description:
      'Kintone stopped the search because too many records matched (X-Cybozu-Warning: Filter aborted). Narrow the filter.',
  },
  TSG409: {
    status: 400,
    title: 'Invalid Kintone connection settings',
    description:
      'The settings of a Kintone connection are incomplete or wrong. details names each setting and what is wrong with it.',
  },
});
