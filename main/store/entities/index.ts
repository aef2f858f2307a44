// Every table, described once (defineTable.ts); the explicit entity list (no glob,
// no decorators: esbuild bundles this).
import { SETTING, USER } from './accountEntities';
import { EVENT, LOG_HEAD } from './logEntities';
import {
  APPLICATION,
  CAMPAIGN,
  CASE,
  ORDER,
  REJECTION,
  SCHOOL,
  STREAM,
} from './projectionEntities';
import { SYNC_CONFLICT, SYNC_PENDING, SYNC_STATE } from './syncEntities';

/** Every table the migrations create, in their order (the migrations' own bookkeeping table aside). */
export const TABLES = [
  EVENT,
  LOG_HEAD,
  CAMPAIGN,
  SCHOOL,
  STREAM,
  APPLICATION,
  CASE,
  ORDER,
  REJECTION,
  USER,
  SETTING,
  SYNC_STATE,
  SYNC_PENDING,
  SYNC_CONFLICT,
] as const;

export const ENTITIES = TABLES.map((t) => t.entity);

export {
  APPLICATION,
  CAMPAIGN,
  CASE,
  EVENT,
  LOG_HEAD,
  ORDER,
  REJECTION,
  SCHOOL,
  SETTING,
  STREAM,
  USER,
};
export { SYNC_CONFLICT, SYNC_PENDING, SYNC_STATE };
export { EventEntity, LogHeadEntity } from './logEntities';
export { SettingEntity, UserEntity } from './accountEntities';
export type * from './accountEntities';
export type * from './logEntities';
export type * from './projectionEntities';
export type * from './syncEntities';
