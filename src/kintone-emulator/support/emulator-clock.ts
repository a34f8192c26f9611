/**
 * The emulator's clock: the real time by default, or a time fixed / shifted by tests and
 * the admin endpoint (`PUT /__emulator/clock`), so that cursor expiry, `NOW()` and record
 * timestamps can be tested without waiting.
 */

export class EmulatorClock {
  private fixed: number | undefined;
  private offset = 0;

  now(): Date {
    return new Date(this.nowMilliseconds());
  }

  nowMilliseconds(): number {
    return (this.fixed ?? Date.now()) + this.offset;
  }

  /** Fixes the time (undefined: back to the real clock, keeping no offset). */
  set(instant: Date | undefined): void {
    this.fixed = instant?.getTime();
    this.offset = 0;
  }

  /** Moves the time forward (or back, when negative). */
  advance(milliseconds: number): void {
    this.offset += milliseconds;
  }
}
