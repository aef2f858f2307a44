// Enrolment and device tokens. A district officer's device is enrolled with a
// one-time code the centre printed (`kabyl server enrol`); the code becomes a
// bearer token bound to that district. Tokens are looked up on every request,
// so a revoked one stops working at once.
import type { Database, Sql } from '../db/database';
import { hashSecret, newDeviceId, newEnrolmentCode, newToken, normaliseCode } from './secrets';

export const ENROLMENT_CODE_HOURS = 72;

export interface DeviceIdentity {
  deviceId: string;
  districtId: string;
  name: string;
}

export class EnrolmentError extends Error {}

/** Creates a one-time enrolment code for a device of `districtId`; returns the code (shown once). */
export async function createEnrolmentCode(
  sql: Sql,
  districtId: string,
  deviceName: string,
): Promise<string> {
  const [district] = await sql.query('SELECT 1 FROM districts WHERE district_id = $1', [
    districtId,
  ]);
  if (!district)
    throw new EnrolmentError(`no district ${districtId}: create it first (kabyl server campaign)`);
  const code = newEnrolmentCode();
  await sql.query(
    `INSERT INTO enrolment_codes (district_id, code_hash, device_name, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [districtId, hashSecret(code), deviceName, ENROLMENT_CODE_HOURS],
  );
  return code;
}

/** Spends a code: returns the new device and its token, or throws when the code is unknown, used or expired. */
export async function enrol(
  db: Database,
  typedCode: string,
  name?: string,
): Promise<DeviceIdentity & { token: string }> {
  return db.transaction(async (tx) => {
    const [code] = await tx.query<{ district_id: string; device_name: string }>(
      `UPDATE enrolment_codes SET used_at = now()
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING district_id, device_name`,
      [hashSecret(normaliseCode(typedCode))],
    );
    if (!code) throw new EnrolmentError('this enrolment code is unknown, already used or expired');
    const token = newToken();
    const device = {
      deviceId: newDeviceId(),
      districtId: code.district_id,
      name: name ?? code.device_name,
    };
    await tx.query(
      'INSERT INTO devices (district_id, device_id, name, token_hash) VALUES ($1, $2, $3, $4)',
      [device.districtId, device.deviceId, device.name, hashSecret(token)],
    );
    return { ...device, token };
  });
}

/** The device a bearer token belongs to, or null for an unknown or revoked token. */
export async function deviceOfToken(sql: Sql, token: string): Promise<DeviceIdentity | null> {
  const [row] = await sql.query<{ device_id: string; district_id: string; name: string }>(
    'SELECT device_id, district_id, name FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
    [hashSecret(token)],
  );
  return row ? { deviceId: row.device_id, districtId: row.district_id, name: row.name } : null;
}

/** Revokes a device's token; returns false when there is no such active device. */
export async function revokeDevice(sql: Sql, deviceId: string): Promise<boolean> {
  const rows = await sql.query(
    'UPDATE devices SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL RETURNING 1',
    [deviceId],
  );
  return rows.length > 0;
}
