import type { Translate } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';

interface Props {
  t: Translate;
  large: boolean;
  speech: boolean;
  onLarge(): void;
  onSpeech(): void;
  onStartAgain: (() => void) | null;
}

/** One tap away on every screen: large text with high contrast, and reading aloud. */
export function Toolbar({ t, large, speech, onLarge, onSpeech, onStartAgain }: Props) {
  return (
    <div className="toolbar">
      <button type="button" className="tool" aria-pressed={large} onClick={onLarge} {...speakAttr({ key: 'common.largeText' })}>
        <span aria-hidden="true" className="tool-icon">
          A+
        </span>
        {t('common.largeText')}
      </button>
      <button type="button" className="tool" aria-pressed={speech} onClick={onSpeech} {...speakAttr({ key: 'common.readAloud' })}>
        <span aria-hidden="true" className="tool-icon">
          ♪
        </span>
        {t('common.readAloud')}
      </button>
      {onStartAgain ? (
        <button type="button" className="tool" onClick={onStartAgain} {...speakAttr({ key: 'common.startAgain' })}>
          {t('common.startAgain')}
        </button>
      ) : null}
    </div>
  );
}
