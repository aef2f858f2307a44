import { useTranslation } from 'react-i18next';
import { ENDONYMS, LANGUAGES, isLanguage } from '../../../renderer/src/i18n/languages';
import { changeLanguage } from './index';

/** Each language named in itself, so a parent who cannot read the current one finds theirs. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.language) ? i18n.language : 'ky';
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
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
