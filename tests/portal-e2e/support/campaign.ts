// The campaign the portal journeys run on: the generator's, small (one district, six
// schools, 1,200 children), so the registry simulator and the server's log hold the same
// people. The journeys pick children the generated log has not yet applied for at the
// server's clock, and their guardians as the registering parents.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const GENERATOR = { seed: 1, districts: 1, schools: 6, children: 1200 } as const;
/** The generated district (Bishkek's Leninsky): its officer's desktop sets a quota in stage 2. */
export const DISTRICT = 'BISH.LEN';
/** Each server holds the generated log up to its cut: stage 1's opening, stage 2's. */
export const STAGE1_CUT = '2026-04-11T09:00:00+06:00';
export const STAGE2_CUT = '2026-06-27T09:00:00+06:00';

/** The server's registry simulator seeded exactly as the generated log (server/portal/config.ts). */
export const REGISTRY_ENV = {
  KABYL_PORTAL_REGISTRY_SEED: String(GENERATOR.seed),
  KABYL_PORTAL_REGISTRY_DISTRICTS: String(GENERATOR.districts),
  KABYL_PORTAL_REGISTRY_SCHOOLS: String(GENERATOR.schools),
  KABYL_PORTAL_REGISTRY_CHILDREN: String(GENERATOR.children),
};

interface LogLine {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export function generate(until?: string): string {
  const args = [
    path.join(REPO, 'bin/kabyl.cjs'),
    'generate',
    '--seed',
    String(GENERATOR.seed),
    '--districts',
    String(GENERATOR.districts),
    '--schools',
    String(GENERATOR.schools),
    '--children',
    String(GENERATOR.children),
  ];
  if (until) args.push('--until', until);
  return execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

export function writeLog(file: string, until: string): void {
  writeFileSync(file, generate(until));
}

export interface Family {
  parentPin: string;
  childPin: string;
  childName: string;
  address: string;
}

/**
 * Families whose child has no submission before `at`, born in the campaign's range, with
 * a registered address that some school's catchment covers; in a stable order.
 */
export function familiesFreeAt(at: string): Family[] {
  const lines = generate()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogLine);
  const opened = lines.find((l) => l.type === 'campaign.opened')!.data as Record<string, string>;
  const catchments = lines
    .filter((l) => l.type === 'catchment.set')
    .flatMap((l) => l.data.addresses as string[]);
  const covered = (a: string) => catchments.some((c) => a === c || a.startsWith(`${c}.`));
  const cut = Date.parse(at);
  const applied = new Set<string>();
  const seen = new Map<string, Family>();
  for (const l of lines) {
    if (l.type !== 'application.submitted') continue;
    const child = l.data.child as { pin: string; firstName: string; lastName: string };
    if (Date.parse(l.at) < cut) applied.add(child.pin);
    const birth = `${child.pin.slice(5, 9)}-${child.pin.slice(3, 5)}-${child.pin.slice(1, 3)}`;
    const address = l.data.registeredAddress as string;
    if (birth < opened.birthDateFrom || birth > opened.birthDateTo || !covered(address)) continue;
    if (seen.has(child.pin)) continue;
    seen.set(child.pin, {
      parentPin: (l.data.guardian as { pin: string }).pin,
      childPin: child.pin,
      childName: `${child.lastName} ${child.firstName}`,
      address,
    });
  }
  // One child per parent: each journey registers its own account.
  const parents = new Set<string>();
  return [...seen.values()].filter((f) => {
    if (applied.has(f.childPin) || parents.has(f.parentPin)) return false;
    parents.add(f.parentPin);
    return true;
  });
}
