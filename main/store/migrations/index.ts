// The explicit, ordered migration list. Append only: a shipped migration never changes.
import { EventLog1795737600000 } from './1795737600000-EventLog';
import { Projections1795737600001 } from './1795737600001-Projections';
import { UsersAndSettings1795737600002 } from './1795737600002-UsersAndSettings';
import { RegistryIndexes1795737600003 } from './1795737600003-RegistryIndexes';
import { ChainWithoutPrevHash1795737600004 } from './1795737600004-ChainWithoutPrevHash';
import { Waitlists1795737600005 } from './1795737600005-Waitlists';
import { ApplicationSearch1795737600006 } from './1795737600006-ApplicationSearch';
import { SyncState1795737600007 } from './1795737600007-SyncState';

export const MIGRATIONS = [
  EventLog1795737600000,
  Projections1795737600001,
  UsersAndSettings1795737600002,
  RegistryIndexes1795737600003,
  ChainWithoutPrevHash1795737600004,
  Waitlists1795737600005,
  ApplicationSearch1795737600006,
  SyncState1795737600007,
];
