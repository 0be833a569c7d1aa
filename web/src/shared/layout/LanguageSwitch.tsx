import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value: Language = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={value}
      onChange={(v) => setLanguage(v as Language)}
      data={[
        { value: 'ru', label: <span lang="ru" title="Русский">RU</span> },
        { value: 'en', label: <span lang="en" title="English">EN</span> },
      ]}
    />
  );
}
