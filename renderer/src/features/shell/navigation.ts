// The navigation per role. Each item names the contract channel that backs its
// screen where that channel exists, so a role never sees a screen main would refuse
// (canCall reads the same role lists main enforces).
import { canCall, type Channel, type Role } from '../../../../shared/ipc/contract';

export const NAV_IDS = [
  'dashboard',
  'applications',
  'waitlists',
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
  'sync',
] as const;
export type NavId = (typeof NAV_IDS)[number];

interface NavItem {
  id: NavId;
  roles: readonly Role[];
  channel: Channel;
}

const NAV_ITEMS: readonly NavItem[] = [
  { id: 'dashboard', roles: ['district', 'commission', 'director'], channel: 'dashboard.get' },
  { id: 'mySchool', roles: ['director'], channel: 'school.children' },
  { id: 'applications', roles: ['district'], channel: 'applications.list' },
  { id: 'waitlists', roles: ['district', 'director'], channel: 'waitlists.list' },
  { id: 'quotas', roles: ['district'], channel: 'quotas.list' },
  { id: 'catchments', roles: ['district'], channel: 'catchments.list' },
  { id: 'privileges', roles: ['district', 'director'], channel: 'privileges.queue' },
  { id: 'commission', roles: ['district', 'commission'], channel: 'commission.cases' },
  { id: 'orders', roles: ['district'], channel: 'school.orders' },
  { id: 'documents', roles: ['director'], channel: 'school.receiveDocuments' },
  { id: 'reports', roles: ['district'], channel: 'reports.export' },
  { id: 'audit', roles: ['district'], channel: 'audit.events' },
  { id: 'import', roles: ['district'], channel: 'import.start' },
  { id: 'sync', roles: ['district', 'commission', 'director'], channel: 'sync.status' },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && canCall(role, item.channel));
}

export function isNavId(value: string): value is NavId {
  return (NAV_IDS as readonly string[]).includes(value);
}
