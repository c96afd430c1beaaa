// The clock the run loop uses: requestAnimationFrame in the browser, a
// hand-cranked fake in component tests.
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
  /** Milliseconds, monotonic. */
  now(): number;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
};
