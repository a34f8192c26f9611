/**
 * The error catalogue: every error code the gateway can answer with, grouped by pipeline
 * stage. Codes are stable and never reused once retired; docs/errors.md is generated from
 * this table (npm run docs:errors) and a test keeps the two equal.
 */
import type { CatalogueEntry } from './catalogue-entry.js';
import { authCodes } from './auth-codes.js';
import { connectorCodes } from './connector-codes.js';
import { requestCodes } from './request-codes.js';
import { schemaCodes } from './schema-codes.js';
import { serverCodes } from './server-codes.js';
import { storeCodes } from './store-codes.js';
import { writeCodes } from './write-codes.js';

export const errorCatalogue = {
  ...requestCodes,
  ...schemaCodes,
  ...authCodes,
  ...connectorCodes,
  ...storeCodes,
  ...writeCodes,
  ...serverCodes,
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The stages in catalogue order, for the documentation. */
export const catalogueStages: readonly { title: string; codes: Record<string, CatalogueEntry> }[] =
  [
    { title: 'Request (TSG1xx)', codes: requestCodes },
    { title: 'Schema and planning (TSG2xx)', codes: schemaCodes },
    { title: 'Authentication and authorisation (TSG3xx)', codes: authCodes },
    { title: 'Connectors and sources (TSG4xx)', codes: connectorCodes },
    { title: 'Control plane and store (TSG5xx)', codes: storeCodes },
    { title: 'Write path (TSG6xx)', codes: writeCodes },
    { title: 'Gateway internals (TSG9xx)', codes: serverCodes },
  ];
