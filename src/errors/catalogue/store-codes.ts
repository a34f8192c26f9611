/**
 * TSG5xx: errors of the control plane and its store: admin API validation, conflicts and
 * storage failures. Reserved for the control plane.
 */
import { defineCodes } from './catalogue-entry.js';

export const storeCodes = defineCodes({
  TSG500: {
    status: 400,
    title: 'Invalid input',
    description:
      'An admin API request failed validation. details lists each field and what is wrong with it.',
  },
  TSG501: {
    status: 404,
    title: 'Not found',
    description: 'The admin API resource (user, token, connection ...) does not exist.',
  },
  TSG502: {
    status: 409,
    title: 'Conflict',
    description:
      'The change conflicts with the current state (for example a name that is already taken).',
  },
  TSG503: {
    status: 503,
    title: 'Store unavailable',
    description:
      'The configuration store (SQLite file or PostgreSQL) cannot be reached or is not ready.',
  },
});
