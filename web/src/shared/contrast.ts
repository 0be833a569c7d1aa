import type { MantineColorsTuple } from '@mantine/core';

/** WCAG AA for normal text (1.4.3). */
const AA = 4.5;

function channels(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Relative luminance as WCAG 2.1 defines it. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

function darken(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((v) => Math.round(v * (1 - amount)).toString(16).padStart(2, '0'))
    .join('')}`;
}

/** The colour itself if it reads at 4.5:1 on every background, otherwise the least darkened shade of it that does. */
function readable(color: string, backgrounds: string[]): string {
  for (let step = 0; step <= 20; step++) {
    const candidate = darken(color, step * 0.04);
    if (backgrounds.every((background) => contrast(candidate, background) >= AA)) return candidate;
  }
  return '#000000';
}

/**
 * The palette with readable text shades. Shades 7–9 are what text, `filled` buttons and badges (white on shade 8)
 * and `light` ones (shade 9 on tints 1–2) are drawn in; Mantine's green.9 on green.1 is 3.8:1, yellow 2.7:1, white
 * on green.8 3.4:1. Each is darkened just enough to reach 4.5:1 on white, the page's grey and the colour's palest
 * tint (shade 9 also on tints 1–2), and stays darker than the shade before it, so hovers still show.
 */
export function readablePalette(colors: Record<string, MantineColorsTuple>): Record<string, MantineColorsTuple> {
  const page = colors.gray![0];
  const palette: Record<string, MantineColorsTuple> = {};
  for (const [name, tuple] of Object.entries(colors)) {
    if (name === 'dark') continue;
    const shades = [...tuple];
    for (let shade = 7; shade <= 9; shade++) {
      // shade 9 is also the text of `light` variants, on tint 1 and, hovered, tint 2
      const backgrounds = shade === 9 ? ['#ffffff', page, tuple[0], tuple[1], tuple[2]] : ['#ffffff', page, tuple[0]];
      const text = readable(tuple[shade]!, backgrounds);
      const previous = shades[shade - 1]!;
      shades[shade] = luminance(text) < luminance(previous) * 0.85 ? text : darken(previous, 0.08);
    }
    palette[name] = shades as unknown as MantineColorsTuple;
  }
  return palette;
}
