// Why a search result's keys will not decide it on this desk: who decided it, and that the lead changes it; nothing
// for a waiting appeal or a lead's desk (the server's rule, mayDecide, and the desk's: re-decisions are the lead's).
import { describe, expect, it } from 'vitest';
import { redecideRefusal } from '../../../renderer/src/features/search/redecide-refusal.js';

const operator = { id: 'u-operator1', role: 'operator' as const };
const lead = { id: 'u-lead', role: 'lead' as const };
const byColleague = { status: 'routed' as const, routedBy: { id: 'u-operator3', name: 'Оператор 3 — Екатерина Волкова' } };

describe('redecideRefusal', () => {
  it('names the colleague who decided, short, and who may change it', () => {
    expect(redecideRefusal(operator, byColleague)).toBe('Решение принял(а) Екатерина В.: изменить решение может старший смены');
    expect(redecideRefusal(operator, { ...byColleague, status: 'rejected' })).toBe('Решение принял(а) Екатерина В.: изменить решение может старший смены');
  });
  it('says «вами» for the operator\'s own decision, and stays truthful when who decided is not known yet', () => {
    expect(redecideRefusal(operator, { status: 'routed', routedBy: { id: 'u-operator1', name: 'Анна Петрова' } }))
      .toBe('Решение принято вами: изменить решение может старший смены');
    expect(redecideRefusal(operator, { status: 'routed', routedBy: null })).toBe('Решение уже принято: изменить решение может старший смены');
  });
  it('refuses nothing to a lead, on a waiting appeal, or signed out', () => {
    expect(redecideRefusal(lead, byColleague)).toBeNull();
    expect(redecideRefusal(operator, { status: 'new', routedBy: null })).toBeNull();
    expect(redecideRefusal(null, byColleague)).toBeNull();
  });
});
