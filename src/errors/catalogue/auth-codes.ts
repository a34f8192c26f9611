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
  TSG304: {
    status: 401,
    title: 'Session expired',
    description:
      'The console session is unknown, signed out, or past its idle or absolute lifetime. Sign in again.',
  },
  TSG305: {
    status: 403,
    title: 'Cross-site request refused',
    description:
      'A state-changing console request did not carry the CSRF token of its session (X-CSRF-Token header). Reload the console.',
  },
  TSG306: {
    status: 400,
    title: 'Invitation not valid',
    description:
      'The invitation link is unknown, already used, withdrawn or expired. Ask an administrator for a new invitation.',
  },
  TSG307: {
    status: 400,
    title: 'Password too weak',
    description:
      'The new password does not meet the password policy; details lists each rule it breaks (at least 12 characters, not the e-mail address, not a common password).',
  },
  TSG308: {
    status: 403,
    title: 'Current password wrong',
    description: 'Changing a password needs the current password, and the one given is wrong.',
  },
  TSG309: {
    status: 403,
    title: 'Not allowed on your own account',
    description:
      'Administrators cannot disable, delete or change the role of their own account; ask another administrator.',
  },
});
