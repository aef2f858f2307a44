// The explicit entity list (no glob, no decorators: esbuild bundles this).
import { UserEntity, SettingEntity } from './accountEntities';
import { EventEntity, LogHeadEntity } from './logEntities';
import {
  ApplicationEntity,
  CampaignEntity,
  CaseEntity,
  OrderEntity,
  RejectionEntity,
  SchoolEntity,
  StreamEntity,
} from './projectionEntities';

export const ENTITIES = [
  EventEntity,
  LogHeadEntity,
  CampaignEntity,
  SchoolEntity,
  StreamEntity,
  ApplicationEntity,
  CaseEntity,
  OrderEntity,
  RejectionEntity,
  UserEntity,
  SettingEntity,
];

export { EventEntity, LogHeadEntity, UserEntity, SettingEntity };
