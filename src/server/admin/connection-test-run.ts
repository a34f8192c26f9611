/**
 * Runs a connector's own test ("Create & Test", "Test"): creates the connector, calls
 * `test`, and closes it whatever happens. A failure to create or a test that throws
 * becomes a failed step; only catalogue errors show their message (they are written for
 * users and hold no secret), anything else is logged and summarised.
 */
import type { Connector, ExecutionContext, SourceCall } from '../../connectors/connector.js';
import { isTsunagiError } from '../../errors/tsunagi-error.js';
import type { ConnectionTestStep } from '../../store/records.js';

/** Where unexpected failures are logged (a Fastify or pino logger). */
export interface ErrorLog {
  error(details: object, message: string): void;
}

export interface ConnectionTestOutcome {
  readonly ok: boolean;
  readonly steps: readonly ConnectionTestStep[];
}

function messageOf(error: unknown, log: ErrorLog): string {
  if (isTsunagiError(error)) return error.message;
  log.error({ err: error }, 'connection test failed unexpectedly');
  return 'The test failed unexpectedly; the gateway log has the details.';
}

export async function runConnectionTest(
  create: () => Connector,
  options: {
    readonly timeoutMs: number;
    readonly log: ErrorLog;
    readonly recordSourceCall: (call: SourceCall) => void;
  },
): Promise<ConnectionTestOutcome> {
  let connector: Connector;
  const started = performance.now();
  try {
    connector = create();
  } catch (error) {
    return {
      ok: false,
      steps: [{ name: 'Create the connector', ok: false, message: messageOf(error, options.log) }],
    };
  }
  const context: ExecutionContext = {
    signal: AbortSignal.timeout(options.timeoutMs),
    deadline: Date.now() + options.timeoutMs,
    recordSourceCall: options.recordSourceCall,
  };
  try {
    const report = await connector.test(context);
    return {
      ok: report.ok && report.steps.every((step) => step.ok),
      steps: report.steps.map((step) => ({ name: step.name, ok: step.ok, message: step.message })),
    };
  } catch (error) {
    return {
      ok: false,
      steps: [
        {
          name: 'Test',
          ok: false,
          message: messageOf(error, options.log),
          durationMs: Math.round(performance.now() - started),
        },
      ],
    };
  } finally {
    await connector.close().catch(() => undefined);
  }
}
