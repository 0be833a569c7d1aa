/**
 * Marks a Mantine input as required: a red asterisk drawn by CSS (left out of the accessible name,
 * so the label stays exactly "Полное наименование") and aria-required for assistive technology.
 */
export const requiredProps = {
  labelProps: { className: 'orbita-required' },
  'aria-required': true,
} as const;
