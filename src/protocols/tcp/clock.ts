// The resolution of simulated time. The packet simulator schedules arrivals and
// timers on it, and the models report every time at it, so a view can print
// times as they are.

/** Clock ticks per millisecond: simulated times are multiples of 0.1 ms. */
const TICKS_PER_MS = 10;

/** Rounds a time in ms to the simulated clock, 0.1 ms. */
export function roundToClock(ms: number): number {
  return Math.round(ms * TICKS_PER_MS) / TICKS_PER_MS;
}
