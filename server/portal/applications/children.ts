// A parent's children: added by PIN, confirmed by the state registry (names,
// birth date, registered address, and that this adult is a parent or legal
// representative). The parent never types an address.
import { parsePin } from '../../../shared/engine/pin';
import type { Engine } from '../../../shared/engine/engine';
import type { Database } from '../../db/database';
import type { AccountRow } from '../accounts/accounts';
import { PortalFailure, fieldFailure } from '../errors';
import { RegistryUnavailable, type StateRegistry } from '../registry/adapter';

export interface ChildRow {
  account_id: string;
  pin: string;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  birth_date: string;
  citizenship: string;
  address_code: string | null;
  address_text: string | null;
}

export async function addChild(
  db: Database,
  registry: StateRegistry,
  engine: Engine,
  account: AccountRow,
  pin: string,
): Promise<ChildRow> {
  const parsed = parsePin(pin);
  if (parsed === null) throw fieldFailure('pin', 'invalid_pin', 'not a valid PIN: no real birth date in it');
  const c = engine.campaign;
  if (c !== null && (parsed.birthKey < c.birthFrom || parsed.birthKey > c.birthTo)) {
    throw new PortalFailure(
      'age_out_of_range',
      `a child born ${parsed.birthDate} is outside this campaign's age range: the district commission decides`,
    );
  }
  const [known] = await db.query('SELECT 1 FROM portal_children WHERE account_id = $1 AND pin = $2', [
    account.account_id,
    pin,
  ]);
  if (known) throw new PortalFailure('child_already_added', 'this child is already in your cabinet');
  let record;
  let guardian;
  try {
    record = await registry.lookupChild(pin);
    guardian = record ? await registry.isGuardian(account.pin, pin) : false;
  } catch (e) {
    if (e instanceof RegistryUnavailable) {
      throw new PortalFailure('registry_unavailable', 'the state registry does not answer; try again later');
    }
    throw e;
  }
  if (record === null) throw new PortalFailure('child_not_found', 'the state registry has no child with this PIN');
  if (!guardian) {
    throw new PortalFailure('not_guardian', 'the state registry does not list you as this child\'s parent or representative');
  }
  const row: ChildRow = {
    account_id: account.account_id,
    pin,
    last_name: record.lastName,
    first_name: record.firstName,
    patronymic: record.patronymic,
    birth_date: record.birthDate,
    citizenship: record.citizenship,
    address_code: record.addressCode,
    address_text: record.addressText,
  };
  await db.query(
    `INSERT INTO portal_children (account_id, pin, last_name, first_name, patronymic, birth_date, citizenship,
       address_code, address_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [row.account_id, pin, row.last_name, row.first_name, row.patronymic, row.birth_date, row.citizenship,
      row.address_code, row.address_text],
  );
  return row;
}

export async function childOf(db: Database, accountId: string, pin: string): Promise<ChildRow> {
  const [row] = await db.query<ChildRow>('SELECT * FROM portal_children WHERE account_id = $1 AND pin = $2', [
    accountId,
    pin,
  ]);
  // The same answer for another parent's child and an unknown PIN: a parent sees only their own.
  if (!row) throw new PortalFailure('not_found', 'no such child in your cabinet');
  return row;
}

export const childName = (c: Pick<ChildRow, 'last_name' | 'first_name'>): string =>
  `${c.first_name} ${c.last_name}`;
