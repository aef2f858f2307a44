// Keys of the store's settings table that the app shell reads and writes.
export const SETTING = {
  /** 'demo' in the demo store; real district stores never carry it */
  kind: 'store.kind',
  districtName: 'district.name',
  /** the demo's frozen clock: its dashboard reads "as of" this instant, not today */
  frozenAt: 'clock.frozenAt',
} as const;
