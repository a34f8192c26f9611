/**
 * Where the write handlers send their operations. Outside a change set they run at once;
 * inside one (an atomicity group of a $batch) every request of the group prepares its
 * operations first, and when all have either registered or failed, the group either
 * commits them in one `connector.write` call (atomic at the source: one Kintone
 * bulkRequest) or, if any request failed, writes nothing at all.
 */
import type {
  Connector,
  ExecutionContext,
  WriteOperation,
  WriteResult,
} from '../../connectors/connector.js';
import { TsunagiError } from '../../errors/tsunagi-error.js';

export interface WriteGate {
  run(
    connector: Connector,
    operations: readonly WriteOperation[],
    context: ExecutionContext,
  ): Promise<readonly WriteResult[]>;
}

export const immediateWrites: WriteGate = {
  run: (connector, operations, context) => {
    if (connector.write === undefined)
      return Promise.reject(new TsunagiError('TSG603', 'This source is read-only.'));
    return connector.write(operations, context);
  },
};

interface Registration {
  readonly connector: Connector;
  readonly operations: readonly WriteOperation[];
  readonly resolve: (results: readonly WriteResult[]) => void;
  readonly reject: (error: unknown) => void;
}

/** Thrown to the requests of a change set that was not committed because another request failed. */
export class ChangeSetAbortedError extends TsunagiError {
  constructor() {
    super(
      'TSG633',
      'Not executed: another request of the same change set failed, so nothing of the change set was written.',
    );
  }
}

export class AtomicWriteGroup {
  private readonly registrations = new Map<number, Registration>();
  private readonly finishedWithoutWrite = new Set<number>();
  private failed = false;
  private settled = false;

  constructor(
    private readonly size: number,
    private readonly context: ExecutionContext,
  ) {}

  /** The gate of the request at `index` of the group. */
  gateFor(index: number): WriteGate {
    return {
      run: (connector, operations) =>
        new Promise((resolve, reject) => {
          this.registrations.set(index, { connector, operations, resolve, reject });
          void this.settleWhenComplete();
        }),
    };
  }

  /** Reports that the request at `index` ended without registering a write (it failed). */
  requestFailed(index: number): void {
    this.failed = true;
    this.finishedWithoutWrite.add(index);
    void this.settleWhenComplete();
  }

  private async settleWhenComplete(): Promise<void> {
    if (this.settled || this.registrations.size + this.finishedWithoutWrite.size < this.size)
      return;
    this.settled = true;
    const ordered = [...this.registrations.entries()]
      .sort(([left], [right]) => left - right)
      .map(([, value]) => value);
    if (this.failed) {
      for (const registration of ordered) registration.reject(new ChangeSetAbortedError());
      return;
    }
    try {
      const connector = ordered[0]?.connector;
      if (connector === undefined) return;
      if (ordered.some((registration) => registration.connector !== connector)) {
        throw new TsunagiError(
          'TSG632',
          'A change set must only change entity sets of one connection.',
        );
      }
      const operations = ordered.flatMap((registration) => registration.operations);
      const capacity = connector.maxAtomicWrites ?? 1;
      if (operations.length > capacity) {
        throw new TsunagiError(
          'TSG632',
          `This change set holds ${operations.length} changes; the source can apply at most ${capacity} atomically. Split it into smaller change sets.`,
        );
      }
      if (connector.write === undefined)
        throw new TsunagiError('TSG603', 'This source is read-only.');
      const results = await connector.write(operations, this.context);
      let offset = 0;
      for (const registration of ordered) {
        registration.resolve(results.slice(offset, offset + registration.operations.length));
        offset += registration.operations.length;
      }
    } catch (error) {
      for (const registration of ordered) registration.reject(error);
    }
  }
}
