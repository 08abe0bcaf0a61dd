import { describe, expect, it } from 'vitest';
import { conversationsHref, describeDrill, drillHref, listQuery, periodRange } from '../../../web/lib/drill.js';

describe('drill-down links', () => {
  it('turns API drill-down queries into list links', () => {
    expect(drillHref('aiStarted=true&handledBy=ai')).toBe('/conversations?aiStarted=true&handledBy=ai');
    expect(drillHref('')).toBe('/conversations');
    expect(drillHref(null)).toBeNull();
  });

  it('adds drill parameters to the current filters', () => {
    expect(conversationsHref('?market=SE', { topic: 'fraud', handledBy: 'ai', surveyed: true })).toBe(
      '/conversations?market=SE&topic=fraud&handledBy=ai&surveyed=true',
    );
    expect(conversationsHref('', {})).toBe('/conversations');
  });

  it('passes only known parameters to the list API, with a valid sort and paging', () => {
    const params = new URLSearchParams('market=SE&handledBy=ai&evil=1&sort=bogus&offset=-3&repeat=true,false');
    expect(listQuery(params, 25)).toEqual({
      market: 'SE',
      handledBy: 'ai',
      repeat: 'true,false',
      sort: 'score',
      limit: 25,
      offset: 0,
    });
    expect(listQuery(new URLSearchParams('sort=date&offset=50'), 25)).toMatchObject({ sort: 'date', offset: 50 });
  });

  it('describes drill parameters in words', () => {
    const params = new URLSearchParams('aiStarted=true&handledBy=ai&repeat=false&escalation=late,missed&vipReason=low_csat');
    expect(describeDrill(params)).toEqual([
      'Handled by AI',
      'AI-started',
      'Repeat contact: false',
      'Escalation: Late handoff or Missed',
      'VIP failure: CSAT 2 or lower',
    ]);
  });

  it('clips a chart period to the filter range', () => {
    expect(periodRange('2025-06-23T00:00:00.000Z', 'week', null, null)).toEqual({ from: '2025-06-23', to: '2025-06-29' });
    expect(periodRange('2025-06-23T00:00:00.000Z', 'week', '2025-06-25', '2025-06-27')).toEqual({
      from: '2025-06-25',
      to: '2025-06-27',
    });
    expect(periodRange('2025-06-23T00:00:00.000Z', 'day', null, null)).toEqual({ from: '2025-06-23', to: '2025-06-23' });
  });
});
