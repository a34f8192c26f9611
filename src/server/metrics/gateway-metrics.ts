/**
 * The gateway's Prometheus metrics, in a registry of its own (several gateways can run in
 * one process, as in the tests): HTTP requests by route kind, method and status with a
 * latency histogram; OData requests by entity set and status; calls to sources by
 * connection and status; answered errors by catalogue code; query-log entries dropped.
 * Label values come from bounded sets (route kinds, published entity sets, connection
 * ids, catalogue codes), never from raw URLs.
 */
import {
  Counter,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type CounterConfiguration,
} from 'prom-client';
import type { SourceCall } from '../../connectors/connector.js';

export interface GatewayMetricsOptions {
  /** The query log's count of dropped entries (monotonic). */
  readonly queryLogDroppedEntries?: () => number;
  /** Process metrics (CPU, memory, event loop lag); default true. */
  readonly processMetrics?: boolean;
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** The label of requests that addressed no entity set (service document, $metadata, $batch). */
export const noEntitySet = '(none)';

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'kind' | 'method' | 'status'>;
  private readonly httpDuration: Histogram<'kind'>;
  private readonly odataRequests: Counter<'entity_set' | 'status'>;
  private readonly odataDuration: Histogram<'entity_set'>;
  private readonly sourceCalls: Counter<'connection' | 'status'>;
  private readonly sourceDuration: Histogram<'connection'>;
  private readonly errors: Counter<'code'>;

  constructor(options: GatewayMetricsOptions = {}) {
    const registers = [this.registry];
    const counter = <T extends string>(configuration: CounterConfiguration<T>): Counter<T> =>
      new Counter({ ...configuration, registers });
    this.httpRequests = counter({
      name: 'tsunagi_http_requests_total',
      help: 'HTTP requests answered, by route kind (odata, admin, health, metrics, console, other, unmatched), method and status.',
      labelNames: ['kind', 'method', 'status'],
    });
    this.httpDuration = new Histogram({
      name: 'tsunagi_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route kind.',
      labelNames: ['kind'],
      buckets: latencyBuckets,
      registers,
    });
    this.odataRequests = counter({
      name: 'tsunagi_odata_requests_total',
      help: `OData requests by entity set (${noEntitySet} for the service document, $metadata and $batch) and status.`,
      labelNames: ['entity_set', 'status'],
    });
    this.odataDuration = new Histogram({
      name: 'tsunagi_odata_request_duration_seconds',
      help: 'Time to answer an OData request, by entity set.',
      labelNames: ['entity_set'],
      buckets: latencyBuckets,
      registers,
    });
    this.sourceCalls = counter({
      name: 'tsunagi_source_calls_total',
      help: 'Calls to sources, by connection id and status (HTTP status, or "error" when no answer came).',
      labelNames: ['connection', 'status'],
    });
    this.sourceDuration = new Histogram({
      name: 'tsunagi_source_call_duration_seconds',
      help: 'Time of one call to a source, by connection id.',
      labelNames: ['connection'],
      buckets: latencyBuckets,
      registers,
    });
    this.errors = counter({
      name: 'tsunagi_errors_total',
      help: 'Error answers by catalogue code (docs/errors.md).',
      labelNames: ['code'],
    });
    const dropped = options.queryLogDroppedEntries;
    let reported = 0;
    counter({
      name: 'tsunagi_query_log_dropped_entries_total',
      help: 'Query-log entries lost because the store failed or the buffer was full.',
      collect() {
        const now = dropped?.() ?? 0;
        if (now > reported) this.inc(now - reported);
        reported = Math.max(reported, now);
      },
    });
    if (options.processMetrics !== false) {
      collectDefaultMetrics({ register: this.registry });
    }
  }

  recordHttpRequest(kind: string, method: string, status: number, seconds: number): void {
    this.httpRequests.inc({ kind, method, status: String(status) });
    this.httpDuration.observe({ kind }, seconds);
  }

  recordODataRequest(entitySet: string | undefined, status: number, seconds: number): void {
    const label = entitySet ?? noEntitySet;
    this.odataRequests.inc({ entity_set: label, status: String(status) });
    this.odataDuration.observe({ entity_set: label }, seconds);
  }

  recordSourceCall(connectionId: string, call: SourceCall): void {
    this.sourceCalls.inc({ connection: connectionId, status: String(call.status) });
    this.sourceDuration.observe({ connection: connectionId }, call.durationMs / 1000);
  }

  recordError(code: string): void {
    this.errors.inc({ code });
  }

  /** The text exposition format. */
  async exposition(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
