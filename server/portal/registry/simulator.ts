// A stand-in for the state registry, for tests and the demo: the people the
// generator invents (every child with a submission in a generated campaign,
// and the guardian named on it), answering as the real registry would, with
// switches to make it slow or down. It is an in-process object, not a fake
// network endpoint: the real network is Tunduk's, which this project cannot reach.
import { generateLog, type GenerateOptions } from '../../../shared/generator';
import { findDistrict } from '../../../shared/generator';
import type { LogEvent } from '../../../shared/log/events';
import { type ChildRecord, RegistryUnavailable, type StateRegistry } from './adapter';

export interface SimulatedPerson extends ChildRecord {
  guardianPins: string[];
}

export class SimulatedRegistry implements StateRegistry {
  private readonly people = new Map<string, SimulatedPerson>();
  /** while true, every call fails as an unreachable registry does */
  down = false;
  /** added to every answer, to exercise timeouts */
  latencyMs = 0;
  calls = 0;

  add(p: SimulatedPerson): void {
    this.people.set(p.pin, p);
  }

  all(): SimulatedPerson[] {
    return [...this.people.values()];
  }

  get size(): number {
    return this.people.size;
  }

  /** Seeds the registry with every child of a campaign log and its guardian. */
  seedFromLog(events: Iterable<LogEvent>): this {
    for (const e of events) {
      if (e.type !== 'application.submitted') continue;
      const d = e.data;
      if (this.people.has(d.child.pin)) continue;
      this.add({
        pin: d.child.pin,
        lastName: d.child.lastName,
        firstName: d.child.firstName,
        patronymic: d.child.patronymic ?? null,
        birthDate: `${d.child.pin.slice(5, 9)}-${d.child.pin.slice(3, 5)}-${d.child.pin.slice(1, 3)}`,
        citizenship: d.child.citizenship,
        addressCode: d.registeredAddress,
        addressText: addressInWords(d.registeredAddress),
        guardianPins: [d.guardian.pin],
      });
    }
    return this;
  }

  /** The generator's people for these options: the whole campaign, not cut by `until`. */
  static fromGenerator(options: Omit<GenerateOptions, 'until'>): SimulatedRegistry {
    return new SimulatedRegistry().seedFromLog(generateLog(options));
  }

  async lookupChild(pin: string, signal?: AbortSignal): Promise<ChildRecord | null> {
    await this.answer(signal);
    const p = this.people.get(pin);
    if (!p) return null;
    const { guardianPins: _g, ...child } = p;
    return child;
  }

  async isGuardian(adultPin: string, childPin: string, signal?: AbortSignal): Promise<boolean> {
    await this.answer(signal);
    return this.people.get(childPin)?.guardianPins.includes(adultPin) ?? false;
  }

  private async answer(signal?: AbortSignal): Promise<void> {
    this.calls++;
    if (this.latencyMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, this.latencyMs);
        signal?.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new Error('aborted'));
        });
      });
    }
    if (this.down) throw new RegistryUnavailable('the simulated registry is down');
  }
}

/** `BISH.LEN.S001.ST07.H53` -> `Leninsky district, Bishkek, settlement 001, street 07, house 53`. */
export function addressInWords(code: string): string {
  const parts = code.split('.');
  const district = findDistrict(parts.slice(0, 2).join('.'));
  const rest = parts.slice(2).map((p) => {
    const m = /^([A-Z]+)(\d+)$/.exec(p);
    if (!m) return p;
    const word = { S: 'settlement', ST: 'street', H: 'house' }[m[1]] ?? m[1];
    return `${word} ${m[2]}`;
  });
  return [district?.name ?? parts.slice(0, 2).join('.'), ...rest].join(', ');
}
