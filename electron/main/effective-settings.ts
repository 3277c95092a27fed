// Merges the machine policy with the user's own settings (env TRIAGE_DESK_API_URL, config.json): a locked
// policy value always wins and the ignored user value is reported; an unlocked one is only a default.
import type { AppConfig } from './app-config.js';
import { DEFAULT_UNDO_SECONDS } from '../../shared/domain/undo-window.js';
import type { MachinePolicy } from './machine-policy.js';

export type ApiUrlResolution =
  | { ok: true; apiUrl: string | null; source: 'policy' | 'env' | 'file' | 'demo'; notices: string[] }
  | Extract<AppConfig, { ok: false }>;

export function resolveApiUrl(policy: MachinePolicy, user: AppConfig): ApiUrlResolution {
  if (policy.apiUrl !== undefined && policy.locked.includes('apiUrl')) {
    const notices: string[] = [];
    if (!user.ok) notices.push(`policy: apiUrl is locked, the user setting (${user.where}) is ignored`);
    else if (user.apiUrl !== null && user.apiUrl !== policy.apiUrl) {
      notices.push(`policy: apiUrl is locked to ${policy.apiUrl}; the ${user.source} value ${user.apiUrl} is ignored`);
    }
    return { ok: true, apiUrl: policy.apiUrl, source: 'policy', notices };
  }
  if (!user.ok) return user;
  if (user.apiUrl !== null) return { ok: true, apiUrl: user.apiUrl, source: user.source, notices: [] };
  if (policy.apiUrl !== undefined) return { ok: true, apiUrl: policy.apiUrl, source: 'policy', notices: [] };
  return { ok: true, apiUrl: null, source: 'demo', notices: [] };
}

/** The core's `pushDelayMs`: how long a decision waits, undoable, before it is sent. */
export function undoWindowMs(policy: MachinePolicy): number {
  return (policy.undoSeconds ?? DEFAULT_UNDO_SECONDS) * 1000;
}

/** Desk methods a locked policy setting forbids, with the operator-facing reason. */
export function policyRefusal(policy: MachinePolicy, method: string): string | null {
  if (method === 'favorites.set' && policy.locked.includes('favoriteTargets')) {
    return 'Избранных адресатов на этом компьютере задаёт администратор (политика ИТ); изменить их нельзя.';
  }
  return null;
}
