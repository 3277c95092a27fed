// GET /team: who of the shift is connected live and what each holds (the same snapshot the live channel sends).
import type { TeamResponse } from '../../shared/central-api/team-contract.js';
import type { TeamMode } from '../team/team-mode.js';

export function teamRoute(team: TeamMode) {
  return async (): Promise<TeamResponse> => ({ team: await team.currentSnapshot() });
}
