/**
 * A connector kind for admin API and CLI tests: the in-memory sample tables (Customers,
 * Orders, OrderItems) behind a definition with a secret setting. Its test passes only with
 * the password "open sesame", so that tests can tell that a stored secret was decrypted;
 * every scan and table listing is reported as a source call (for the metrics).
 */
import type { ConnectorDefinition } from '../../../connectors/connector-definition.js';
import type { Connector, ExecutionContext } from '../../../connectors/connector.js';
import { MemoryConnector } from '../../../connectors/memory/memory-connector.js';
import { sampleTables } from '../../../connectors/memory/sample-tables.js';

export const memoryConnectorPassword = 'open sesame';

function reporting(inner: MemoryConnector, password: unknown): Connector {
  const report = (context: ExecutionContext, operation: string, target: string): void => {
    context.recordSourceCall({ operation, target, status: 200, durationMs: 1 });
  };
  return {
    maxAtomicWrites: inner.maxAtomicWrites,
    async listTables(context) {
      report(context, 'listTables', '*');
      return inner.listTables(context);
    },
    describeTable: (tableId, context) => inner.describeTable(tableId, context),
    planScan: (request) => inner.planScan(request),
    async scan(plan, context) {
      report(context, 'scan', plan.request.table.id);
      return inner.scan(plan, context);
    },
    write: (operations, context) => inner.write(operations, context),
    test() {
      const ok = password === memoryConnectorPassword;
      return Promise.resolve({
        ok,
        steps: [
          { name: 'Sign in', ok, message: ok ? 'Signed in.' : 'The password is wrong.' },
          ...(ok ? [{ name: 'Tables', ok: true, message: '3 tables.' }] : []),
        ],
      });
    },
    close: () => inner.close(),
  };
}

export const memoryConnectorDefinition: ConnectorDefinition = {
  kind: 'memory',
  displayName: 'In-memory sample',
  description: 'Sample customers and orders held in memory (tests only).',
  settings: [
    { name: 'region', label: 'Region', type: 'string', required: false },
    {
      name: 'customers',
      label: 'Customers',
      type: 'integer',
      required: false,
      minimum: 1,
      maximum: 1000,
      defaultValue: 25,
    },
    { name: 'password', label: 'Password', type: 'secret', required: true },
  ],
  validate() {
    return [];
  },
  create(settings) {
    const count = typeof settings.customers === 'number' ? settings.customers : 25;
    return reporting(new MemoryConnector(sampleTables(count)), settings.password);
  },
};

/** For `TSUNAGI_CONNECTOR_MODULES` in CLI tests. */
export const connectorDefinitions = [memoryConnectorDefinition];
