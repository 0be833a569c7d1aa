const latin: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Russian letters as people and English maps write them in Latin (Петрова → Petrova, Тюмень → Tyumen); capitals stay capitals. */
export function transliterate(text: string): string {
  return [...text]
    .map((letter) => {
      const lower = letter.toLowerCase();
      const written = latin[lower];
      if (written === undefined) return letter;
      return letter === lower ? written : written.charAt(0).toUpperCase() + written.slice(1);
    })
    .join('');
}
