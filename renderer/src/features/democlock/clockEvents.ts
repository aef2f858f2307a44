// Moving the demo clock changes what every screen shows (days left, open windows):
// DemoClock announces it with this window event and screens reload on it.
export const CLOCK_CHANGED = 'kabyl:clock-changed';

export function announceClockChanged(): void {
  window.dispatchEvent(new Event(CLOCK_CHANGED));
  // Screens that already refresh when the window comes back into view (the
  // dashboard) refresh now too: the page is visible, so they reload their figures.
  document.dispatchEvent(new Event('visibilitychange'));
}
