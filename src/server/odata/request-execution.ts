/**
 * The execution context of one OData request: an abort signal that fires when the client
 * goes away before the response is complete or when the deadline passes, and the list of
 * source calls made (for the query log, metrics and explain). Cleans up after itself when
 * the response closes.
 */
import type { ServerResponse } from 'node:http';
import type { ExecutionContext, SourceCall } from '../../connectors/connector.js';

export interface RequestExecution {
  readonly context: ExecutionContext;
  readonly sourceCalls: SourceCall[];
}

export function startRequestExecution(
  response: ServerResponse,
  timeoutMs: number,
): RequestExecution {
  const controller = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const timer = setTimeout(() => controller.abort(new Error('request deadline passed')), timeoutMs);
  timer.unref();
  response.once('close', () => {
    clearTimeout(timer);
    if (!response.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  const sourceCalls: SourceCall[] = [];
  return {
    context: {
      signal: controller.signal,
      deadline,
      recordSourceCall: (call) => {
        sourceCalls.push(call);
      },
    },
    sourceCalls,
  };
}
