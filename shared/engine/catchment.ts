// Micro-districts: an entry covers an address when the address equals it or
// starts with the entry followed by `.` (RULES.md). Addresses are hierarchical
// codes, region.district.settlement.street.building.

export function covers(entry: string, address: string): boolean {
  return (
    address === entry ||
    (address.length > entry.length &&
      address.startsWith(entry) &&
      address.charCodeAt(entry.length) === 46)
  );
}

/** Every code that covers `address`, from the address itself up to its region. */
export function coveringPrefixes(address: string): string[] {
  const out = [address];
  for (let i = address.lastIndexOf('.'); i > 0; i = address.lastIndexOf('.', i - 1))
    out.push(address.slice(0, i));
  return out;
}

/** A school's catchment as a set, checked in O(depth of the address). */
export class Catchment {
  private readonly entries: Set<string>;
  constructor(readonly addresses: readonly string[]) {
    this.entries = new Set(addresses);
  }
  covers(address: string): boolean {
    // Most micro-districts are a handful of streets: comparing in place beats
    // slicing the address into its prefixes.
    if (this.addresses.length <= 8) {
      for (const entry of this.addresses) if (covers(entry, address)) return true;
      return false;
    }
    if (this.entries.has(address)) return true;
    for (let i = address.lastIndexOf('.'); i > 0; i = address.lastIndexOf('.', i - 1)) {
      if (this.entries.has(address.slice(0, i))) return true;
    }
    return false;
  }
}
