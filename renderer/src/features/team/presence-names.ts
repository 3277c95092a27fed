// Who of the shift is online, as the status bar names them: «вы» for this desk's user, colleagues shortened
// («Анна П.»), at most SHOWN_NAMES of them and the rest folded into «+N». The bar folds more of them where its line
// is short of room (StatusBar.tsx), so the help key's hint after them stays whole.
import type { TeamView } from '../../../../shared/desk-api/team-contract.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';

/** Names the bar shows at most, with room to spare. */
export const SHOWN_NAMES = 4;

/** The online members' names, «вы» for the signed-in user, in the team's order. */
export function onlineNames(team: TeamView | null): string[] {
  return (team?.members ?? []).filter((m) => m.onlineSince !== null)
    .map((m) => (m.id === team?.me ? 'вы' : shortPersonName(m.name)));
}

/** «вы, Анна П. +9»: the first `shown` names (at most SHOWN_NAMES), the rest as «+N»; '' with none shown. */
export function presenceNamesText(names: readonly string[], shown: number): string {
  const count = Math.max(0, Math.min(shown, SHOWN_NAMES, names.length));
  if (count === 0) return '';
  const rest = names.length - count;
  return names.slice(0, count).join(', ') + (rest > 0 ? ` +${rest}` : '');
}
