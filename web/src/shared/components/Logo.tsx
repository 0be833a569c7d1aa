/** The Orbita mark: a planet with an orbit. Decorative; the text next to it names the product. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="30" fill="#1c5fa8" />
      <ellipse cx="32" cy="32" rx="22" ry="9" fill="none" stroke="#fff" strokeWidth="4" transform="rotate(-30 32 32)" />
      <circle cx="32" cy="32" r="7" fill="#ffd43b" />
    </svg>
  );
}
