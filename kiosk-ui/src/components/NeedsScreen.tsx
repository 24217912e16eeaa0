import { localize, type KioskConfig, type Language, type Need, type ServiceStatus } from '@vuoro/server/protocol';
import type { MessageKey, Translate } from '../i18n/catalogs';
import { useScreen } from '../hooks/useScreen';
import { speakAttr } from '../speech/speakAttr';
import { BusyButton } from './BusyButton';

interface Props {
  service: ServiceStatus;
  kiosk: KioskConfig;
  lang: Language;
  fallback: Language;
  t: Translate;
  needs: readonly Need[];
  busy: boolean;
  onChange(needs: Need[]): void;
  onContinue(): void;
  onBack(): void;
}

const SIMPLE_NEEDS: readonly { need: 'hearing-loop' | 'low-desk' | 'priority'; label: MessageKey; hint: MessageKey }[] = [
  { need: 'hearing-loop', label: 'needs.hearingLoop', hint: 'needs.hearingLoopHint' },
  { need: 'low-desk', label: 'needs.lowDesk', hint: 'needs.lowDeskHint' },
  { need: 'priority', label: 'needs.priority', hint: 'needs.priorityHint' },
];

/** The optional "do you need anything?" step; the whole row is the control (44 px and more). */
export function NeedsScreen({ service, kiosk, lang, fallback, t, needs, busy, onChange, onContinue, onBack }: Props) {
  const heading = useScreen<HTMLHeadingElement>(`${t('needs.title')} – ${t('app.title')}`, `needs-${lang}`);
  const simple = SIMPLE_NEEDS.filter((n) => n.need !== 'priority' || kiosk.priorityNeedAllowed);
  const interpreter = needs.find((n) => n.startsWith('interpreter:'))?.slice('interpreter:'.length) ?? '';
  const toggle = (need: Need) => onChange(needs.includes(need) ? needs.filter((n) => n !== need) : [...needs, need]);
  const setInterpreter = (code: string) => {
    const rest = needs.filter((n) => !n.startsWith('interpreter:'));
    onChange(code ? [...rest, `interpreter:${code}` as Need] : rest);
  };
  const languageName = (code: string) => new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  const state = (on: boolean) => ({ key: on ? ('speech.selected' as const) : ('speech.notSelected' as const) });
  return (
    <>
      <p className="hall-name">{localize(service.name, lang, fallback)}</p>
      <h1 ref={heading} tabIndex={-1} {...speakAttr({ key: 'speech.needsScreen' })}>
        {t('needs.title')}
      </h1>
      <p className="intro" id="needs-intro">
        {t('needs.intro')}
      </p>
      <fieldset className="choices" aria-describedby="needs-intro">
        <legend className="visually-hidden">{t('needs.title')}</legend>
        {simple.map(({ need, label, hint }) => (
          <div className="choice" key={need}>
            <input
              type="checkbox"
              id={`need-${need}`}
              name="needs"
              value={need}
              checked={needs.includes(need)}
              onChange={() => toggle(need)}
              aria-describedby={`need-${need}-hint`}
              {...speakAttr({ key: label }, state(needs.includes(need)))}
            />
            <label htmlFor={`need-${need}`}>
              {t(label)}
              <span className="hint" id={`need-${need}-hint`}>
                {t(hint)}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      {kiosk.interpreterLanguages.length > 0 ? (
        <fieldset className="choices">
          <legend>{t('needs.interpreter')}</legend>
          {['', ...kiosk.interpreterLanguages].map((code) => (
            <div className="choice" key={code || 'none'}>
              <input
                type="radio"
                id={`interpreter-${code || 'none'}`}
                name="interpreter"
                value={code}
                checked={interpreter === code}
                onChange={() => setInterpreter(code)}
                {...(code
                  ? speakAttr({ key: 'speech.interpreterOption', interpreter: code }, state(interpreter === code))
                  : speakAttr({ key: 'needs.interpreterNone' }, state(interpreter === '')))}
              />
              <label htmlFor={`interpreter-${code || 'none'}`}>
                {code ? (
                  <>
                    {languageName(code)}
                    {code !== lang ? (
                      <span className="hint" lang={code} dir="auto">
                        {new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code}
                      </span>
                    ) : null}
                  </>
                ) : (
                  t('needs.interpreterNone')
                )}
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <div className="actions">
        <BusyButton type="button" className="primary" busy={busy} onClick={onContinue} {...speakAttr({ key: 'needs.continue' })}>
          {t('needs.continue')}
        </BusyButton>
        <button type="button" className="secondary" onClick={onBack} {...speakAttr({ key: 'common.back' })}>
          {t('common.back')}
        </button>
      </div>
    </>
  );
}
