/**
 * The fake org's clock: real time from a chosen start, plus however far tests have moved it.
 *
 * Lockout periods (15 minutes by default) and session timeouts (2 hours) are measured on this
 * clock, so tests move it with `POST /__fake/clock` instead of sleeping.
 */
export class MovableClock {
  private readonly realStart = Date.now();
  private readonly fakeStart: number;
  private advancedMs = 0;

  constructor(start: Date = new Date()) {
    this.fakeStart = start.getTime();
  }

  /** Milliseconds since the epoch, on the fake org's time line. */
  now(): number {
    return this.fakeStart + (Date.now() - this.realStart) + this.advancedMs;
  }

  /**
   * The start plus every move, without the real time since: what the seed's dates count back from,
   * so two resets with no move between them give the same dates.
   */
  movedStart(): number {
    return this.fakeStart + this.advancedMs;
  }

  /** Moves the clock forward; it never goes back, so lockouts and sessions stay consistent. */
  advanceMinutes(minutes: number): void {
    if (!(minutes >= 0)) throw new RangeError('The clock only moves forward');
    this.advancedMs += minutes * 60_000;
  }
}
