/**
 * Streaming benchmark: a gateway in its own process serves N rows of a 12-column table
 * from the in-memory connector over loopback HTTP; the client reads the response without
 * parsing it (counting rows as they pass) and the gateway's peak RSS is read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const agent = new Agent({ keepAlive: true });

export interface StreamingResult {
  readonly case: string;
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly megabytes: number;
  readonly peakRssMegabytes: number;
}

function peakRssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  return match === null ? Number.NaN : Math.round(Number(match[1]) / 1024);
}

/** Resets the peak RSS of a process (Linux: writing 5 to clear_refs), to measure one request. */
function resetPeakRss(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function startGateway(
  rows: number,
  maxPageSize: number,
  extraSizes: readonly number[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  const script = fileURLToPath(new URL('./gateway-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', script, String(rows), String(maxPageSize), ...extraSizes.map(String)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (child.stdout === null) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`gateway exited with ${String(code)}`)));
  });
  return { child, url };
}

/**
 * GETs a URL and reads the body as raw bytes, counting entities by their `"Id":` members
 * without decoding or parsing (so that the client costs as little CPU as possible).
 */
function drain(
  url: string,
): Promise<{ rows: number; bytes: number; nextLink: string | undefined }> {
  const marker = Buffer.from('"Id":');
  return new Promise((resolve, reject) => {
    const request = get(url, { agent }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`GET ${url} answered ${String(response.statusCode)}`));
        response.resume();
        return;
      }
      let rows = 0;
      let bytes = 0;
      // The last bytes of the previous chunk: shorter than the marker, so no match counts twice.
      let carry: Buffer = Buffer.alloc(0);
      let end: Buffer = Buffer.alloc(0);
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
        for (
          let index = data.indexOf(marker);
          index >= 0;
          index = data.indexOf(marker, index + marker.length)
        )
          rows++;
        carry = data.subarray(data.length - (marker.length - 1));
        end = Buffer.concat([end, chunk]).subarray(-4096);
      });
      response.on('end', () => {
        const next = /"@odata\.nextLink":"([^"]+)"/.exec(end.toString('utf8'));
        resolve({ rows, bytes, nextLink: next?.[1] });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

export async function benchmarkStreaming(
  sizes: readonly number[] = [100_000, 1_000_000],
): Promise<StreamingResult[]> {
  const results: StreamingResult[] = [];
  for (const size of sizes) {
    const { child, url } = await startGateway(size, 0);
    try {
      // Warm up code paths, then measure one full read.
      await drain(`${url}/Generated?$top=1000`);
      const started = performance.now();
      const { rows, bytes } = await drain(`${url}/Generated`);
      const seconds = (performance.now() - started) / 1000;
      if (rows !== size) throw new Error(`expected ${size} rows, read ${rows}`);
      results.push({
        case: `stream ${size.toLocaleString('en-US')} rows, fresh process`,
        rows,
        seconds,
        rowsPerSecond: Math.round(rows / seconds),
        megabytes: Math.round(bytes / 1e5) / 10,
        peakRssMegabytes: peakRssMegabytes(child.pid ?? 0),
      });
    } finally {
      child.kill('SIGTERM');
    }
  }
  return results;
}

/**
 * The same streams served one after the other by one warmed-up gateway process, as a
 * long-running server does: the peak RSS is reset before each request and read after it,
 * so it shows what one request of that size costs once the process has reached its steady
 * state (a fresh process's peak also includes V8 growing its heap to that state).
 */
export async function benchmarkWarmStreaming(
  sizes: readonly number[] = [100_000, 1_000_000],
): Promise<StreamingResult[]> {
  const { child, url } = await startGateway(1000, 0, sizes);
  try {
    const pid = child.pid ?? 0;
    const largest = Math.max(...sizes);
    await drain(`${url}/Generated${largest}`); // warm-up: code paths and heap
    const results: StreamingResult[] = [];
    for (const size of sizes) {
      resetPeakRss(pid);
      const started = performance.now();
      const { rows, bytes } = await drain(`${url}/Generated${size}`);
      const seconds = (performance.now() - started) / 1000;
      if (rows !== size) throw new Error(`expected ${size} rows, read ${rows}`);
      results.push({
        case: `stream ${size.toLocaleString('en-US')} rows, warm server process`,
        rows,
        seconds,
        rowsPerSecond: Math.round(rows / seconds),
        megabytes: Math.round(bytes / 1e5) / 10,
        peakRssMegabytes: peakRssMegabytes(pid),
      });
    }
    return results;
  } finally {
    child.kill('SIGTERM');
  }
}

/** Follows @odata.nextLink pages of 1,000 (the default page size) to the end. */
export async function benchmarkPagedRead(
  size = 100_000,
  pageSize = 1000,
): Promise<StreamingResult> {
  const { child, url } = await startGateway(size, pageSize);
  try {
    const started = performance.now();
    let next: string | undefined = `${url}/Generated`;
    let rows = 0;
    let bytes = 0;
    while (next !== undefined) {
      const page = await drain(next);
      rows += page.rows;
      bytes += page.bytes;
      next = page.nextLink;
    }
    const seconds = (performance.now() - started) / 1000;
    if (rows !== size) throw new Error(`expected ${size} rows, read ${rows}`);
    return {
      case: `read ${size.toLocaleString('en-US')} rows via nextLink, pages of ${pageSize}`,
      rows,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      megabytes: Math.round(bytes / 1e5) / 10,
      peakRssMegabytes: peakRssMegabytes(child.pid ?? 0),
    };
  } finally {
    child.kill('SIGTERM');
  }
}
