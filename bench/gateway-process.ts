/**
 * A gateway process for benchmarks: serves the generated 12-column in-memory table of
 * `rows` rows (argv[2]) as `Generated`, with server-driven paging set by argv[3] (0 = off),
 * plus one table `Generated<n>` per further size in argv[4..], and prints its service URL
 * on stdout. The benchmark reads its peak memory from /proc.
 */
import { MemoryConnector } from '../src/connectors/memory/memory-connector.js';
import { generatedTable } from '../src/connectors/memory/sample-tables.js';
import { startTestGateway } from '../src/test-support/start-test-gateway.js';

const rows = Number(process.argv[2] ?? '100000');
const maxPageSize = Number(process.argv[3] ?? '0');
const extraSizes = process.argv.slice(4).map(Number);
const gateway = await startTestGateway({
  connectors: {
    bench: new MemoryConnector([generatedTable(rows)]),
    ...Object.fromEntries(
      extraSizes.map((size) => [`bench${size}`, new MemoryConnector([generatedTable(size)])]),
    ),
  },
  publications: [
    { connectionId: 'bench', tableId: 'generated', alias: 'Generated' },
    ...extraSizes.map((size) => ({
      connectionId: `bench${size}`,
      tableId: 'generated',
      alias: `Generated${size}`,
    })),
  ],
  settings: { maxPageSize },
});
process.stdout.write(`${gateway.serviceUrl}\n`);
process.on('SIGTERM', () => {
  void gateway.close().then(() => process.exit(0));
});
