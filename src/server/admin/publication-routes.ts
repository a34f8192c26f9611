/**
 * Published tables (`/publications`) and the facts a client needs to reach the OData
 * service (`/service`). A publication created, renamed or deleted here reaches the
 * catalog through the store's change event, so `$metadata` shows it on the next request.
 */
import { TsunagiError, isTsunagiError } from '../../errors/tsunagi-error.js';
import type { PublicationView } from '../../control-plane/publication-service.js';
import type { Actor } from '../../control-plane/authorization.js';
import type { GatewayParts } from '../../gateway/start-gateway.js';
import { adminRoute } from './admin-route.js';
import { publicationSchema } from './admin-schemas.js';
import { array, integer, object, optional, record, text } from './json-schema.js';

/** How long a publication list waits for table labels from the catalog. */
const labelWaitMs = 2000;

const entitySet = text({
  maxLength: 128,
  description:
    'An OData identifier (letter or _, then letters, digits, _), unique in the service ignoring case.',
});
const propertyAliases = record(text({ maxLength: 128 }), {
  maxProperties: 1000,
  description: 'Source column → property name.',
});

async function tableLabels(parts: GatewayParts): Promise<ReadonlyMap<string, string>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), labelWaitMs);
  });
  try {
    const snapshot = await Promise.race([parts.catalog.current().catch(() => undefined), timeout]);
    const labels = new Map<string, string>();
    for (const set of snapshot?.model.entitySets.values() ?? []) {
      labels.set(set.name.toLowerCase(), set.description ?? set.name);
    }
    return labels;
  } finally {
    clearTimeout(timer);
  }
}

/** The service's view with the connection's name and, when known, the table's label. */
async function describePublications(
  parts: GatewayParts,
  actor: Actor,
  publications: readonly PublicationView[],
): Promise<unknown[]> {
  if (publications.length === 0) return [];
  const names = new Map(
    (await parts.controlPlane.connections.listVisible(actor)).map((connection) => [
      connection.id,
      connection.name,
    ]),
  );
  const labels = await tableLabels(parts);
  return publications.map((publication) => {
    const label = labels.get(publication.entitySet.toLowerCase());
    return {
      ...publication,
      connectionName: names.get(publication.connectionId) ?? '',
      tableId: publication.tableName,
      ...(label === undefined ? {} : { tableLabel: label }),
    };
  });
}

/** The service names the table `tableName`; this API's body calls it `tableId`. */
function renameTableTarget(error: unknown): unknown {
  if (!isTsunagiError(error) || error.target !== 'tableName') return error;
  return new TsunagiError(error.code, error.message, {
    target: 'tableId',
    details: error.details.map((detail) =>
      detail.target === 'tableName' ? { ...detail, target: 'tableId' } : detail,
    ),
    headers: error.headers,
    cause: error,
  });
}

export const publicationRoutes = [
  adminRoute({
    method: 'GET',
    path: '/publications',
    operationId: 'listPublications',
    tag: 'Publications',
    summary: 'Published tables',
    who: 'Signed in: query users see the sets they may read (Select).',
    access: 'signedIn',
    query: object({ connectionId: optional(text({ maxLength: 100 })) }),
    response: {
      status: 200,
      description: 'The publications.',
      schema: object({ publications: array(publicationSchema) }),
    },
    async handle({ parts, actor, query }) {
      const publications = await parts.controlPlane.publications.listVisible(
        actor,
        query.connectionId,
      );
      return { publications: await describePublications(parts, actor, publications) };
    },
  }),
  adminRoute({
    method: 'POST',
    path: '/publications',
    operationId: 'publishTable',
    tag: 'Publications',
    summary: 'Publish a table as an entity set',
    who: 'Connection administrators and administrators.',
    access: 'signedIn',
    body: object({
      connectionId: text({ maxLength: 100 }),
      tableId: text({ maxLength: 512, description: 'The id from GET /connections/{id}/tables.' }),
      entitySet,
      propertyAliases: optional(propertyAliases),
    }),
    response: {
      status: 201,
      description: 'The publication.',
      schema: object({ publication: publicationSchema }),
    },
    errors: [409],
    async handle({ parts, actor, body }) {
      const publication = await parts.controlPlane.publications
        .publish(actor, {
          connectionId: body.connectionId,
          tableName: body.tableId,
          entitySet: body.entitySet,
          ...(body.propertyAliases === undefined ? {} : { propertyAliases: body.propertyAliases }),
        })
        .catch((error: unknown) => {
          throw renameTableTarget(error);
        });
      const [described] = await describePublications(parts, actor, [publication]);
      return { publication: described };
    },
  }),
  adminRoute({
    method: 'PATCH',
    path: '/publications/{id}',
    operationId: 'updatePublication',
    tag: 'Publications',
    summary: 'Rename the entity set or replace the property aliases',
    who: 'Connection administrators and administrators.',
    access: 'signedIn',
    body: object({ entitySet: optional(entitySet), propertyAliases: optional(propertyAliases) }),
    response: {
      status: 200,
      description: 'The publication.',
      schema: object({ publication: publicationSchema }),
    },
    errors: [409],
    async handle(call) {
      const { parts, actor } = call;
      const publication = await parts.controlPlane.publications.update(
        actor,
        call.param('id'),
        call.body,
      );
      const [described] = await describePublications(parts, actor, [publication]);
      return { publication: described };
    },
  }),
  adminRoute({
    method: 'DELETE',
    path: '/publications/{id}',
    operationId: 'unpublishTable',
    tag: 'Publications',
    summary: 'Unpublish a table',
    who: 'Connection administrators and administrators.',
    access: 'signedIn',
    response: { status: 204, description: 'Unpublished.' },
    async handle(call) {
      await call.parts.controlPlane.publications.unpublish(call.actor, call.param('id'));
    },
  }),
  adminRoute({
    method: 'GET',
    path: '/service',
    operationId: 'getService',
    tag: 'Publications',
    summary: 'Where the OData service is',
    who: 'Signed in.',
    description: 'For the OData page and the Salesforce Connect panel of the console.',
    access: 'signedIn',
    response: {
      status: 200,
      description: 'The service root and its limits.',
      schema: object({
        serviceUrl: text({ format: 'uri' }),
        metadataUrl: text({ format: 'uri' }),
        odataVersion: array(text()),
        maxPageSize: integer({ description: 'Largest page before a next link.' }),
      }),
    },
    handle({ parts, publicBase }) {
      const serviceUrl = `${publicBase}${parts.odata.basePath}`;
      return {
        serviceUrl,
        metadataUrl: `${serviceUrl}/$metadata`,
        odataVersion: ['4.0', '4.01'],
        maxPageSize: parts.odata.maxPageSize,
      };
    },
  }),
];
