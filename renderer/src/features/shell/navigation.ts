// The navigation per role. Each item names the contract channel that backs its
// screen where that channel exists, so a role never sees a screen main would refuse
// (canCall reads the same role lists main enforces). Screens whose channels arrive
// with issues 4 and 5 carry their role list here until then.
import { canCall, type Channel, type Role } from '../../../../shared/ipc/contract';

export const NAV_IDS = [
  'dashboard',
  'applications',
  'quotas',
  'catchments',
  'privileges',
  'commission',
  'orders',
  'reports',
  'audit',
  'import',
  'mySchool',
  'documents',
] as const;
export type NavId = (typeof NAV_IDS)[number];

interface NavItem {
  id: NavId;
  roles: readonly Role[];
  channel?: Channel;
  /** false: the screen belongs to a later issue and shows the "later release" panel */
  ready: boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { id: 'dashboard', roles: ['district', 'commission', 'director'], channel: 'dashboard.get', ready: true },
  { id: 'mySchool', roles: ['director'], channel: 'school.children', ready: true },
  { id: 'applications', roles: ['district'], channel: 'applications.list', ready: true },
  { id: 'quotas', roles: ['district'], channel: 'quotas.list', ready: true },
  { id: 'catchments', roles: ['district'], channel: 'catchments.list', ready: true },
  { id: 'privileges', roles: ['district', 'director'], channel: 'privileges.queue', ready: true },
  { id: 'commission', roles: ['district', 'commission'], channel: 'commission.cases', ready: true },
  { id: 'orders', roles: ['district'], channel: 'school.orders', ready: true },
  { id: 'documents', roles: ['director'], channel: 'school.receiveDocuments', ready: true },
  { id: 'reports', roles: ['district'], channel: 'reports.export', ready: true },
  { id: 'audit', roles: ['district'], channel: 'audit.events', ready: true },
  { id: 'import', roles: ['district'], channel: 'import.start', ready: true },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && (!item.channel || canCall(role, item.channel)));
}

export function isNavId(value: string): value is NavId {
  return (NAV_IDS as readonly string[]).includes(value);
}
