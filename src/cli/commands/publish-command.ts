/**
 * `tsunagi publish <connection> <table>`, `tsunagi unpublish <entity set>` and
 * `tsunagi publications`: which tables of which connection the OData service offers.
 * `publish` looks the table up in the live source (by id, name or label) and takes its
 * default entity-set name unless --alias gives one.
 */
import type { Command } from 'commander';
import type { TableSummary } from '../../connectors/connector.js';
import {
  findConnection,
  withControlPlane,
  withStoreOptions,
  type CliContext,
  type StoreOptions,
} from '../support/cli-control-plane.js';
import { note, printJson, printTable } from '../support/output.js';

interface PublishOptions extends StoreOptions {
  readonly alias?: string;
}

interface ListOptions extends StoreOptions {
  readonly json?: boolean;
}

async function sourceTables(
  context: CliContext,
  connectionId: string,
): Promise<readonly TableSummary[]> {
  const resolved = await context.controlPlane.connections.resolveSettings(connectionId);
  const connector = resolved.definition.create(resolved.settings);
  try {
    return await connector.listTables({
      signal: AbortSignal.timeout(30_000),
      deadline: Date.now() + 30_000,
      recordSourceCall: () => undefined,
    });
  } finally {
    await connector.close().catch(() => undefined);
  }
}

function findTable(tables: readonly TableSummary[], wanted: string): TableSummary | undefined {
  const lower = wanted.toLowerCase();
  return (
    tables.find((table) => table.id === wanted) ??
    tables.find((table) => table.name.toLowerCase() === lower) ??
    tables.find((table) => table.label.toLowerCase() === lower)
  );
}

export function registerPublishCommands(program: Command): void {
  withStoreOptions(
    program
      .command('publish <connection> <table>')
      .description('Publish a table of a connection as an OData entity set.')
      .option('--alias <name>', 'the entity-set name (default: the table’s own name)'),
  )
    .addHelpText(
      'after',
      `
The table is given by id (a Kintone app id such as 12, or 12.items for a subtable), name
or label. Entity-set names start with a letter or _, then letters, digits and _.

Examples:
  tsunagi publish Sales 12 --alias Deals
  tsunagi publish Sales "Customer list"`,
    )
    .action(async (connectionReference: string, table: string, options: PublishOptions) => {
      await withControlPlane(options, async (context) => {
        const connection = await findConnection(context, connectionReference);
        let tableId = table;
        let entitySet = options.alias;
        try {
          const found = findTable(await sourceTables(context, connection.id), table);
          if (found === undefined) {
            throw new Error(
              `${connection.name} has no table ${table} (give its id, name or label).`,
            );
          }
          tableId = found.id;
          entitySet ??= found.name;
        } catch (error) {
          if (
            options.alias === undefined ||
            (error instanceof Error && error.message.includes('has no table'))
          ) {
            throw error;
          }
          note(
            `Could not list the tables of ${connection.name} (${error instanceof Error ? error.message : String(error)}); publishing ${table} as given.`,
          );
        }
        const publication = await context.controlPlane.publications.publish(context.actor, {
          connectionId: connection.id,
          tableName: tableId,
          entitySet: entitySet ?? table,
        });
        console.log(
          `Published ${publication.tableName} of ${connection.name} as ${publication.entitySet}.`,
        );
      });
    });

  withStoreOptions(
    program.command('unpublish <entitySet>').description('Stop publishing an entity set.'),
  )
    .addHelpText('after', '\nExample:\n  tsunagi unpublish Deals')
    .action(async (entitySet: string, options: StoreOptions) => {
      await withControlPlane(options, async ({ controlPlane, actor }) => {
        const publication = await controlPlane.publications.findByEntitySet(entitySet);
        if (publication === undefined) throw new Error(`Nothing is published as ${entitySet}.`);
        await controlPlane.publications.unpublish(actor, publication.id);
        console.log(`Unpublished ${publication.entitySet}.`);
      });
    });

  withStoreOptions(
    program
      .command('publications')
      .description('List the published entity sets.')
      .option('--json', 'print JSON'),
  )
    .addHelpText('after', '\nExample:\n  tsunagi publications --json')
    .action(async (options: ListOptions) => {
      await withControlPlane(options, async ({ controlPlane, actor }) => {
        const names = new Map(
          (await controlPlane.connections.list(actor)).map((connection) => [
            connection.id,
            connection.name,
          ]),
        );
        const publications = (await controlPlane.publications.list(actor)).map((publication) => ({
          ...publication,
          connectionName: names.get(publication.connectionId) ?? '',
        }));
        if (options.json === true) {
          printJson(publications);
          return;
        }
        printTable(publications, [
          ['entitySet', 'ENTITY SET'],
          ['connectionName', 'CONNECTION'],
          ['tableName', 'TABLE'],
          ['id', 'ID'],
        ]);
      });
    });
}
