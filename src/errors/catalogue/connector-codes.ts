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
});
