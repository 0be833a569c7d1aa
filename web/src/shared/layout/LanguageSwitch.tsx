import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const value: Language = i18n.language === 'en' ? 'en' : 'ru';
  // The server words some texts itself (launch path statuses, errors) in the language it is asked for: fetch them anew.
  const choose = (language: Language) => {
    setLanguage(language);
    void queryClient.invalidateQueries();
  };
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.language')}
      value={value}
      onChange={(v) => choose(v as Language)}
      data={[
        { value: 'ru', label: <span lang="ru" title="Русский">RU</span> },
        { value: 'en', label: <span lang="en" title="English">EN</span> },
      ]}
    />
  );
}
