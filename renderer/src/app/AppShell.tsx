// The signed-in frame around every section: top bar with tabs, banners, the active view, status bar, dialogs.
import { useDeskStore } from '../store/desk-store.js';
import { TopBar } from '../components/TopBar.js';
import { HelpDialog } from '../features/shortcuts/HelpDialog.js';
import { RejectDialog } from '../features/reject/RejectDialog.js';
import { SignOutDialog } from '../features/sign-out/SignOutDialog.js';
import { AlertBanner, ConflictNotices } from '../features/sync/ConflictNotice.js';
import { StatusBar } from '../features/sync/StatusBar.js';
import { TargetPicker } from '../features/target-picker/TargetPicker.js';
import { useGlobalKeys } from './use-global-keys.js';
import { viewsFor } from './view-registry.js';

export function AppShell() {
  useGlobalKeys();
  const dialog = useDeskStore((s) => s.dialog);
  const viewId = useDeskStore((s) => s.view);
  const role = useDeskStore((s) => s.session?.user?.role);
  const views = viewsFor(role);
  const View = (views.find((v) => v.id === viewId) ?? views[0])?.component;
  return (
    <div className="app-shell">
      <TopBar />
      <ConflictNotices />
      <AlertBanner />
      {View ? <View /> : null}
      <StatusBar />
      {dialog === 'picker' ? <TargetPicker /> : null}
      {dialog === 'reject' ? <RejectDialog /> : null}
      {dialog === 'help' ? <HelpDialog /> : null}
      {dialog === 'sign-out' ? <SignOutDialog /> : null}
    </div>
  );
}
