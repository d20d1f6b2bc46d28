import { describe, expect, it } from 'vitest';
import { fromRule, newEvent, newGroup, toRule, type EventDraft } from '../../../src/renderer/src/segments/rule-model';

describe('rule builder: "is recommended a product from category X"', () => {
  it('becomes a rule once a category is chosen, with the list and top N when set', () => {
    const draft: EventDraft = newEvent('recommended');
    expect(toRule(newGroup('all', [draft])).rule).toEqual({ all: [] });
    draft.category = ' Candles ';
    expect(toRule(newGroup('all', [draft])).rule).toEqual({ all: [{ event: 'recommended', category: 'Candles', list: 'any' }] });
    draft.recommendedList = 'discover';
    draft.recommendedTop = 3;
    expect(toRule(newGroup('all', [draft])).rule).toEqual({ all: [{ event: 'recommended', category: 'Candles', list: 'discover', withinTop: 3 }] });
  });

  it('reads a saved rule back into the same condition', () => {
    const rule = { all: [{ event: 'recommended' as const, category: 'Garden', list: 'buy-again' as const, withinTop: 5 }] };
    const [node] = fromRule(rule).children;
    expect(node).toMatchObject({ type: 'event', event: 'recommended', category: 'Garden', recommendedList: 'buy-again', recommendedTop: 5 });
    expect(toRule(fromRule(rule)).rule).toEqual(rule);
  });
});
