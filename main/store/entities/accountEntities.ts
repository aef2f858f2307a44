// Local users and settings: the tables (main/store/accounts.ts holds their
// repositories); signing in, password hashing and role checks are the services'.
import { col, defineTable, type RecordOf } from './defineTable';

export type UserRole = 'district' | 'commission' | 'director';
export const USER_ROLES: readonly UserRole[] = ['district', 'commission', 'director'];

export const USER = defineTable('User', 'user', [
  col.integer('id', { primary: true, generated: 'increment' }),
  col.text('username', { unique: true }),
  col.text('displayName'),
  col.text<'role', UserRole>('role'),
  col.textOrNull('schoolId'),
  col.text('passwordHash'),
  col.text('createdAt'),
]);
export type UserRecord = RecordOf<typeof USER.defs>;
export const UserEntity = USER.entity;

export const SETTING = defineTable('Setting', 'setting', [
  col.text('key', { primary: true }),
  col.text('value'),
]);
export type SettingRecord = RecordOf<typeof SETTING.defs>;
export const SettingEntity = SETTING.entity;
