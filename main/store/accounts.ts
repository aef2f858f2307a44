// Users and settings: plain repositories over TypeORM. The services hash
// passwords (main/auth) and enforce roles; this only stores and finds.
import type { DataSource, Repository } from 'typeorm';
import {
  type SettingRecord,
  SettingEntity,
  USER_ROLES,
  type UserRecord,
  UserEntity,
  type UserRole,
} from './entities/accountEntities';

export type { UserRecord, UserRole };

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** a director's one school; null for district and commission users */
  schoolId: string | null;
  passwordHash: string;
}

export class UserExistsError extends Error {}

export class Users {
  private readonly repo: Repository<UserRecord>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(UserEntity);
  }

  async create(user: NewUser): Promise<UserRecord> {
    if (!USER_ROLES.includes(user.role))
      throw new RangeError(`role: ${user.role} is not one of ${USER_ROLES.join(', ')}`);
    if ((user.role === 'director') !== (user.schoolId !== null)) {
      throw new RangeError('schoolId: a director has exactly one school; other roles have none');
    }
    if (user.username.trim() === '') throw new RangeError('username: must not be empty');
    if (await this.findByUsername(user.username))
      throw new UserExistsError(`username: ${user.username} is taken`);
    return this.repo.save({ ...user, createdAt: new Date().toISOString() });
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.repo.findOneBy({ username });
  }

  findById(id: number): Promise<UserRecord | null> {
    return this.repo.findOneBy({ id });
  }

  list(): Promise<UserRecord[]> {
    return this.repo.find({ order: { id: 'ASC' } });
  }

  async setPasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.repo.update({ id }, { passwordHash });
  }
}

export class Settings {
  private readonly repo: Repository<SettingRecord>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(SettingEntity);
  }

  async get(key: string): Promise<string | null> {
    return (await this.repo.findOneBy({ key }))?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.repo.upsert({ key, value }, ['key']);
  }

  async all(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.repo.find()).map((s) => [s.key, s.value]));
  }

  /** The settings whose key starts with `prefix` (compared as text: no LIKE wildcards). */
  async withPrefix(prefix: string): Promise<Record<string, string>> {
    const rows = await this.repo
      .createQueryBuilder('s')
      .where('substr(s.key, 1, :n) = :prefix', { n: prefix.length, prefix })
      .getMany();
    return Object.fromEntries(rows.map((s) => [s.key, s.value]));
  }
}
