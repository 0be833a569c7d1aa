import { describe, expect, it } from 'vitest';
import { foundWord, highlightText, searchTiers, searchWords } from './search-text';

describe('search text', () => {
  it('reads a query as lower-case words, at most 12', () => {
    expect(searchWords('  Лицей №5, «Ромашка»!')).toEqual(['лицей', '5', 'ромашка']);
    expect(searchWords(Array.from({ length: 20 }, (_, i) => `слово${i}`).join(' '))).toHaveLength(12);
  });

  it('builds the tiers: names, names or descriptions, anywhere, then a prefix only for an unknown last word, corrections only where a word has them', () => {
    const known = { word: 'лицея', terms: ['лиц'], known: true, corrections: [] };
    expect(searchTiers([known])).toEqual({
      matches: "('лиц')",
      ordered: ["'Aлиц'", "(('Aлиц' | 'Bлиц')) & !(('Aлиц'))", "('лиц') & !(('Aлиц') | (('Aлиц' | 'Bлиц')))"],
    });
    const typing = { word: 'библ', terms: ['библ'], known: false, corrections: [] };
    const tiers = searchTiers([known, typing])!;
    expect(tiers.matches).toBe("(('лиц' & 'библ') | ('лиц' & 'Aбибл':*))");
    expect(tiers.ordered).toHaveLength(4);
    expect(tiers.ordered[0]).toBe("'Aлиц' & 'Aбибл'");
    expect(tiers.ordered[3]).toMatch(/^\('лиц' & 'Aбибл':\*\) & !\(/);
    const typo = { word: 'шкла', terms: ['шкл'], known: false, corrections: ['школ'] };
    expect(searchTiers([typo])?.ordered[4]).toMatch(/^\(\('шкл' \| 'Aшкол' \| 'Bшкол'\)\) & !\(/);
    expect(searchTiers([{ word: 'на', terms: [], known: false, corrections: [] }])).toBeNull();
    expect(searchTiers([{ word: "o'q", terms: ["o'q"], known: true, corrections: [] }])?.matches).toBe("('o''q')");
  });

  it('finds a word by term anywhere, by prefix in names only, by correction in names and descriptions', () => {
    const query = [{ word: 'шко', terms: ['шко'], known: false, corrections: ['школьн'] }];
    expect(foundWord(['школ'], query, 'A')).toBe(true);
    expect(foundWord(['школ'], query, 'D')).toBe(false);
    expect(foundWord(['школьн'], query, 'B')).toBe(true);
    expect(foundWord(['школьн'], query, 'D')).toBe(false);
    expect(foundWord(['шко'], query, 'D')).toBe(true);
  });

  it('cuts a text into fragments that join back into it, found words marked', () => {
    const text = 'МАОУ «Лицей № 5», <b>лицей</b>';
    const segments = highlightText(text, (word) => word === 'лицей');
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([
      { text: 'МАОУ «', match: false },
      { text: 'Лицей', match: true },
      { text: ' № 5», <b>', match: false },
      { text: 'лицей', match: true },
      { text: '</b>', match: false },
    ]);
  });
});
