/**
 * TSG3xx: errors of the authentication and authorisation stage. Reserved for the control
 * plane: who the caller is and what they may do.
 */
import { defineCodes } from './catalogue-entry.js';

export const authCodes = defineCodes({
  TSG300: {
    status: 401,
    title: 'Authentication required',
    description:
      'The request carries no credentials. Send HTTP Basic with your user name and a personal access token, or Authorization: Bearer <token>.',
  },
  TSG301: {
    status: 401,
    title: 'Invalid credentials',
    description: 'The user name, password or personal access token is wrong, expired or revoked.',
  },
  TSG302: {
    status: 403,
    title: 'Permission denied',
    description:
      'The caller is authenticated but lacks the permission the request needs. The message names the permission.',
  },
  TSG303: {
    status: 429,
    title: 'Too many attempts',
    description:
      'Too many failed sign-in attempts from this address or for this user; wait for the time given in Retry-After.',
  },
});
