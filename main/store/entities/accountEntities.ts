// Local users and settings. The tables and a small repository live here; signing
// in, password hashing and role checks are the services' (main/auth).
import { EntitySchema } from 'typeorm';

export type UserRole = 'district' | 'commission' | 'director';
export const USER_ROLES: readonly UserRole[] = ['district', 'commission', 'director'];

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  schoolId: string | null;
  passwordHash: string;
  createdAt: string;
}

export const UserEntity = new EntitySchema<UserRecord>({
  name: 'User',
  tableName: 'user',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    username: { type: 'text', unique: true },
    displayName: { type: 'text', name: 'display_name' },
    role: { type: 'text' },
    schoolId: { type: 'text', name: 'school_id', nullable: true },
    passwordHash: { type: 'text', name: 'password_hash' },
    createdAt: { type: 'text', name: 'created_at' },
  },
});

export interface SettingRecord {
  key: string;
  value: string;
}

export const SettingEntity = new EntitySchema<SettingRecord>({
  name: 'Setting',
  tableName: 'setting',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});
