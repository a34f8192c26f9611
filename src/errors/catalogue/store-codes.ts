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
  TSG504: {
    status: 503,
    title: 'Secret key does not match the store',
    description:
      'The secret key given to this node (TSUNAGI_SECRET_KEY or the key file in the data directory) cannot decrypt the credentials in the store. The message names the key id the store expects; start the node with that key.',
  },
  TSG505: {
    status: 503,
    title: 'Secret key unreadable',
    description:
      'TSUNAGI_SECRET_KEY or the key file is not a base64 encoded 32-byte key, or the key file cannot be read or created with mode 0600.',
  },
  TSG506: {
    status: 409,
    title: 'Already initialised',
    description:
      'The first administrator has already been created; sign in as an administrator and invite users instead.',
  },
  TSG507: {
    status: 409,
    title: 'Last administrator',
    description:
      'The change would leave no active administrator. Make another user an administrator first.',
  },
  TSG508: {
    status: 503,
    title: 'Store schema not supported',
    description:
      'The store was migrated by a newer Tsunagi version (it records migrations this version does not know), or a migration failed. Run the newer version, or restore the store.',
  },
  TSG509: {
    status: 400,
    title: 'Unknown connector kind',
    description: 'The connection names a connector kind that this gateway does not provide.',
  },
  TSG510: {
    status: 500,
    title: 'Stored secret cannot be decrypted',
    description:
      'A stored credential fails authentication under its key: it was altered or copied from another row. Enter the credential again.',
  },
});
