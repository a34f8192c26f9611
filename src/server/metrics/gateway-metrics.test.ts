// The gateway's metrics registry: samples, labels, the dropped query-log entries counter.
import { describe, expect, it } from 'vitest';
import { GatewayMetrics } from './gateway-metrics.js';

describe('gateway metrics', () => {
  it('exposes counters and histograms in the Prometheus text format', async () => {
    let dropped = 0;
    const metrics = new GatewayMetrics({
      queryLogDroppedEntries: () => dropped,
      processMetrics: false,
    });
    metrics.recordHttpRequest('admin', 'GET', 200, 0.004);
    metrics.recordODataRequest(undefined, 200, 0.02);
    metrics.recordSourceCall('c1', {
      operation: 'scan',
      target: 't',
      status: 'error',
      durationMs: 30,
    });
    metrics.recordError('TSG301');
    metrics.recordError('TSG301');
    dropped = 3;
    const first = await metrics.exposition();
    expect(first.contentType).toContain('text/plain');
    expect(first.body).toContain(
      'tsunagi_http_requests_total{kind="admin",method="GET",status="200"} 1',
    );
    expect(first.body).toContain(
      'tsunagi_odata_requests_total{entity_set="(none)",status="200"} 1',
    );
    expect(first.body).toContain('tsunagi_source_calls_total{connection="c1",status="error"} 1');
    expect(first.body).toContain(
      'tsunagi_source_call_duration_seconds_bucket{le="0.05",connection="c1"} 1',
    );
    expect(first.body).toContain('tsunagi_errors_total{code="TSG301"} 2');
    expect(first.body).toContain('tsunagi_query_log_dropped_entries_total 3');
    expect(first.body).not.toContain('process_cpu');
    dropped = 5;
    expect((await metrics.exposition()).body).toContain(
      'tsunagi_query_log_dropped_entries_total 5',
    );
  });

  it('adds the process metrics when asked', async () => {
    const metrics = new GatewayMetrics();
    expect((await metrics.exposition()).body).toContain('process_cpu_user_seconds_total');
  });
});
