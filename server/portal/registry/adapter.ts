// The state population registry, as the portal needs it: a child's record by
// PIN, and whether an adult is the child's parent or legal representative.
// The real one is reached through Tunduk (X-Road); docs/portal.md maps these
// two calls onto its service calls. Tests and the demo use the simulator.

export interface ChildRecord {
  pin: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  birthDate: string;
  citizenship: string;
  /** the registered address (propiska) as a hierarchical code (RULES.md) */
  addressCode: string;
  /** the same address in words, for the parent's screen */
  addressText: string;
}

export interface StateRegistry {
  /** null when the registry has no such person */
  lookupChild(pin: string, signal?: AbortSignal): Promise<ChildRecord | null>;
  isGuardian(adultPin: string, childPin: string, signal?: AbortSignal): Promise<boolean>;
}

/** The registry did not answer (timeout, network, circuit open): the caller may try later. */
export class RegistryUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryUnavailable';
  }
}
