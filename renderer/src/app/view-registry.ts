// The sections of the app, in tab order: Ctrl+1 opens the first, Ctrl+2 the second… Features add their view here.
import type { ComponentType } from 'react';
import type { Role } from '../../../shared/domain/user.js';
import type { ViewId } from '../store/state-types.js';
import { InboxView } from '../features/inbox/InboxScreen.js';
import { QueuesView } from '../features/lead/QueuesView.js';
import { StatsView } from '../features/lead/StatsView.js';
import { SearchView } from '../features/search/SearchView.js';
import { ConflictsView } from '../features/sync/ConflictsView.js';
import { SyncLogView } from '../features/sync/SyncLogView.js';

export interface DeskView {
  id: ViewId;
  /** Tab title, Russian. */
  title: string;
  /** Roles that see the tab; absent = everyone signed in. */
  roles?: readonly Role[];
  component: ComponentType;
}

export const VIEWS: readonly DeskView[] = [
  { id: 'inbox', title: 'Входящие', component: InboxView },
  { id: 'queues', title: 'Очереди', roles: ['lead'], component: QueuesView },
  { id: 'stats', title: 'Статистика', roles: ['lead'], component: StatsView },
  { id: 'search', title: 'Поиск', component: SearchView },
  { id: 'conflicts', title: 'Конфликты', component: ConflictsView },
  { id: 'sync-log', title: 'Журнал синхронизации', component: SyncLogView },
];

/** The tabs this user sees, in order; their position (1-based) is their Ctrl+digit. */
export function viewsFor(role: Role | undefined): readonly DeskView[] {
  return VIEWS.filter((v) => v.roles === undefined || (role !== undefined && v.roles.includes(role)));
}
