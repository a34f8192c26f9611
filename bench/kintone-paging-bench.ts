/**
 * Full read of a large Kintone app through the gateway's OData feed, following
 * @odata.nextLink page by page, as Salesforce's server-driven paging does: the Kintone
 * emulator and the gateway each run in their own process; the client only counts rows.
 * Reports rows/s and the gateway's peak RSS (for two app sizes, to show it stays flat).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface KintonePagingResult {
  readonly records: number;
  readonly pages: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly gatewayPeakRssMegabytes: number;
}

const cli = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const gatewayScript = fileURLToPath(new URL('./kintone-gateway-process.ts', import.meta.url));

function firstLine(child: ChildProcess, matches: (line: string) => boolean): Promise<string> {
  if (child.stdout === null) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    lines.on('line', (line) => {
      if (matches(line)) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`process exited with ${String(code)}`)));
  });
}

function readPage(
  url: string,
  authorization: string,
): Promise<{ rows: number; nextLink: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { Authorization: authorization } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) {
          reject(
            new Error(
              `${url}: ${String(response.statusCode)} ${Buffer.concat(chunks).toString().slice(0, 300)}`,
            ),
          );
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          value: unknown[];
          '@odata.nextLink'?: string;
        };
        resolve({ rows: body.value.length, nextLink: body['@odata.nextLink'] });
      });
    }).on('error', reject);
  });
}

export async function benchmarkKintonePaging(records: number): Promise<KintonePagingResult> {
  const emulator = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'kintone-emulator', '--port', '0', '--records', String(records)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let gateway: ChildProcess | undefined;
  try {
    const listening = await firstLine(emulator, (line) =>
      line.startsWith('Kintone emulator listening on '),
    );
    const url = /listening on (\S+)/.exec(listening)?.[1] ?? '';
    gateway = spawn(
      process.execPath,
      ['--import', 'tsx', gatewayScript, url, 'Administrator', 'admin-password', '2'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const started = JSON.parse(await firstLine(gateway, (line) => line.startsWith('{'))) as {
      serviceUrl: string;
      username: string;
      token: string;
    };
    const authorization = `Basic ${Buffer.from(`${started.username}:${started.token}`).toString('base64')}`;
    const begin = performance.now();
    let next: string | undefined = `${started.serviceUrl}/Deals`;
    let rows = 0;
    let pages = 0;
    while (next !== undefined) {
      const page = await readPage(next, authorization);
      rows += page.rows;
      pages++;
      next = page.nextLink;
    }
    const seconds = (performance.now() - begin) / 1000;
    const status = readFileSync(`/proc/${gateway.pid ?? 0}/status`, 'utf8');
    return {
      records: rows,
      pages,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      gatewayPeakRssMegabytes: Math.round(
        Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 'NaN') / 1024,
      ),
    };
  } finally {
    gateway?.kill('SIGTERM');
    emulator.kill('SIGTERM');
  }
}
