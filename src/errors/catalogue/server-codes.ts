/**
 * TSG9xx: failures inside the gateway itself. They never carry internal details to the
 * client; the log has them, under the request id.
 */
import { defineCodes } from './catalogue-entry.js';

export const serverCodes = defineCodes({
  TSG900: {
    status: 500,
    title: 'Internal error',
    description:
      'An unexpected failure inside the gateway. The log has the details under the request id given in the message.',
  },
  TSG901: {
    status: 503,
    title: 'Service not ready',
    description: 'The gateway is starting or shutting down.',
  },
});
