// The signed-in frame around every section: top bar with tabs, the active view, status bar, dialogs.
import { useDeskStore } from '../store/desk-store.js';
import { TopBar } from '../components/TopBar.js';
import { HelpDialog } from '../features/shortcuts/HelpDialog.js';
import { useOperatorKeymap } from '../features/shortcuts/use-keymap.js';
import { InboxRejectDialog } from '../features/reject/RejectDialog.js';
import { SignOutDialog } from '../features/sign-out/SignOutDialog.js';
import { StatusBar } from '../features/sync/StatusBar.js';
import { TargetPicker } from '../features/target-picker/TargetPicker.js';
import { CommandPalette } from '../features/palette/CommandPalette.js';
import { FavoritesDialog } from '../features/favorites/FavoritesDialog.js';
import { useFavoritesEvents } from '../features/favorites/favorites-store.js';
import { useIdleRelease } from '../features/team/use-idle-release.js';
import { useGlobalKeys } from './use-global-keys.js';
import { useSectionFocus } from './use-section-focus.js';
import { viewsFor } from './view-registry.js';

export function AppShell() {
  useGlobalKeys();
  useFavoritesEvents();
  useIdleRelease();
  // The operator's remapped keys (loaded at sign-in); a remap re-renders the whole shell, so every hint follows it.
  useOperatorKeymap(useDeskStore((s) => s.session?.user?.id));
  const dialog = useDeskStore((s) => s.dialog);
  const viewId = useDeskStore((s) => s.view);
  useSectionFocus(viewId);
  const role = useDeskStore((s) => s.session?.user?.role);
  const views = viewsFor(role);
  const View = (views.find((v) => v.id === viewId) ?? views[0])?.component;
  return (
    <div className="app-shell">
      <TopBar />
      {View ? <View /> : null}
      <StatusBar />
      {dialog === 'picker' ? <TargetPicker /> : null}
      {dialog === 'reject' ? <InboxRejectDialog /> : null}
      {dialog === 'help' ? <HelpDialog /> : null}
      {dialog === 'palette' ? <CommandPalette /> : null}
      {dialog === 'favorites' ? <FavoritesDialog /> : null}
      {dialog === 'sign-out' ? <SignOutDialog /> : null}
    </div>
  );
}
