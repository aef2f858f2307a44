import { useTranslation } from 'react-i18next';
import { ENDONYMS, LANGUAGES, isLanguage } from './languages';
import { changeLanguage } from './index';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'ky';
  return (
    <div
      className="lang-switch"
      role="group"
      aria-label={t('language.label')}
      data-testid="language-switcher"
    >
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          data-language={language}
          onClick={() => void changeLanguage(language)}
        >
          {ENDONYMS[language]}
        </button>
      ))}
    </div>
  );
}
