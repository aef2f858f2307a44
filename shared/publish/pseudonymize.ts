// The anonymised log (issue 11, docs/opening-day.md "The public proof"): every
// event with its personal fields replaced by keyed pseudonyms that keep
// exactly what the rules read, so the anonymised log replays to the same
// placements:
// - a child's PIN keeps its sex digit and birth date (the age check, R2) and
//   gets a serial that is unique within its (sex, birth date) group, so two
//   PINs are equal after exactly when they were equal before (R3); an invalid
//   PIN stays invalid;
// - an address code keeps its dot-separated prefix structure, each segment
//   replaced by a keyed hash of the whole prefix up to it, so a catchment
//   prefix still covers exactly the addresses it covered (R4);
// - names, guardian contacts and free-text notes are dropped or replaced by a
//   fixed placeholder; a parent actor's id becomes a keyed hash; the intake's
//   Idempotency-Key and payload digest are left out.
// In the events that can carry something personal, fields the format does not
// name are dropped (an extension could carry anything); configuration events
// (campaign, schools, quotas, orders) are kept as they are. The keyed hash is
// the caller's (HMAC-SHA-256 on the server), and the pseudonyms depend on the
// order of the log (serials are given in order of first appearance), so the
// same log and key always give the same export.
import type { LogEvent } from '../log/events';

/** Keyed hash of a label: lowercase hex, at least 16 characters. */
export type KeyedHash = (text: string) => string;

const PLACEHOLDER = 'anon';
const SERIALS = 100_000;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

type Json = Record<string, unknown>;

export class Pseudonymizer {
  private readonly pins = new Map<string, string>();
  private readonly groupCounters = new Map<string, number>();
  private readonly segments = new Map<string, string>();
  private readonly parents = new Map<string, string>();
  private readonly mul: number;
  private readonly add: number;

  constructor(private readonly hash: KeyedHash) {
    // A keyed affine permutation of 0..99,999: the serials reveal nothing of the order.
    const h = hash('serial-permutation');
    let a = Number.parseInt(h.slice(0, 8), 16) % SERIALS;
    while (a % 2 === 0 || a % 5 === 0) a = (a + 1) % SERIALS;
    this.mul = a;
    this.add = Number.parseInt(h.slice(8, 16), 16) % SERIALS;
  }

  pin(pin: string): string {
    let out = this.pins.get(pin);
    if (out !== undefined) return out;
    if (!isWellFormedPin(pin)) {
      // Still invalid (sex digit 0), still equal to itself, nothing of it readable.
      out = `0${digits(this.hash(`pin-invalid:${pin}`), 13)}`;
    } else {
      const group = pin.slice(0, 9);
      const n = this.groupCounters.get(group) ?? 0;
      if (n >= SERIALS)
        throw new Error(`more than ${SERIALS} PINs share the birth date and sex of ${group}`);
      this.groupCounters.set(group, n + 1);
      const serial = (this.mul * n + this.add) % SERIALS;
      out = `${group}${String(serial).padStart(5, '0')}`;
    }
    this.pins.set(pin, out);
    return out;
  }

  address(code: string): string {
    const parts = code.split('.');
    const out: string[] = [];
    let prefix = '';
    for (let i = 0; i < parts.length; i++) {
      prefix = i === 0 ? parts[0] : `${prefix}.${parts[i]}`;
      let seg = this.segments.get(prefix);
      if (seg === undefined) {
        seg = base32(this.hash(`address:${prefix}`), 10);
        this.segments.set(prefix, seg);
      }
      out.push(seg);
    }
    return out.join('.');
  }

  actorId(role: string, id: string): string {
    if (role !== 'parent') return id;
    let out = this.parents.get(id);
    if (out === undefined) {
      out = `parent-${this.hash(`parent:${id}`).slice(0, 16)}`;
      this.parents.set(id, out);
    }
    return out;
  }

  /** The anonymised form of one stored event (its `seq` and `clientAt` kept). */
  event(e: LogEvent): Json {
    const src = e as unknown as Json;
    const out: Json = {};
    if (typeof src.seq === 'number') out.seq = src.seq;
    out.id = e.id;
    out.type = e.type;
    out.at = e.at;
    if (typeof src.clientAt === 'string') out.clientAt = src.clientAt;
    if (e.actor) {
      const actor: Json = { role: e.actor.role, id: this.actorId(e.actor.role, e.actor.id) };
      const device = (e.actor as Json).device;
      if (typeof device === 'string') actor.device = device;
      out.actor = actor;
    }
    out.data = this.data(e);
    return out;
  }

  private data(e: LogEvent): Json {
    switch (e.type) {
      case 'campaign.opened':
      case 'school.registered':
      case 'quota.set':
      case 'application.withdrawn':
      case 'application.transfer_requested':
      case 'documents.received':
      case 'order.issued':
        // Nothing personal: configuration, ids and codes.
        return { ...e.data };
      case 'catchment.set':
        return {
          schoolId: e.data.schoolId,
          addresses: e.data.addresses.map((a) => this.address(a)),
        };
      case 'application.submitted': {
        const d = e.data;
        const out: Json = {
          applicationId: d.applicationId,
          child: {
            pin: this.pin(d.child.pin),
            lastName: PLACEHOLDER,
            firstName: PLACEHOLDER,
            citizenship: d.child.citizenship,
          },
          guardian: { pin: this.pin(d.guardian.pin), email: PLACEHOLDER, phone: PLACEHOLDER },
          schoolId: d.schoolId,
          language: d.language,
          registeredAddress: this.address(d.registeredAddress),
        };
        if (d.actualAddress !== undefined) out.actualAddress = this.address(d.actualAddress);
        if (d.privilege) out.privilege = { category: d.privilege.category };
        return out;
      }
      case 'privilege.reviewed':
        return { applicationId: e.data.applicationId, decision: e.data.decision };
      case 'commission.case_opened': {
        const child: Json = { fullName: PLACEHOLDER };
        if (e.data.child.pin !== undefined) child.pin = this.pin(e.data.child.pin);
        if (e.data.child.birthDate !== undefined) child.birthDate = e.data.child.birthDate;
        return { caseId: e.data.caseId, child, reason: PLACEHOLDER };
      }
      case 'commission.decided': {
        const d = e.data;
        const out: Json = { caseId: d.caseId, decision: d.decision };
        if (d.schoolId !== undefined) out.schoolId = d.schoolId;
        if (d.language !== undefined) out.language = d.language;
        return out;
      }
    }
  }
}

/** 14 digits, sex 1 or 2: what the serial-keeping pseudonym needs (the date may be invalid). */
function isWellFormedPin(pin: string): boolean {
  return /^[12]\d{13}$/.test(pin);
}

function digits(hex: string, n: number): string {
  let out = '';
  for (let i = 0; out.length < n; i++) out += String(Number.parseInt(hex[i % hex.length], 16) % 10);
  return out;
}

function base32(hex: string, n: number): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length && out.length < n; i += 2) {
    out += BASE32[Number.parseInt(hex.slice(i, i + 2), 16) & 31];
  }
  return out;
}
