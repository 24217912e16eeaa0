import { useEffect, useRef } from 'react';
import type { Translate } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';

interface Props {
  secondsLeft: number;
  t: Translate;
  onMoreTime(): void;
}

/** "Do you need more time?": a modal dialog (the page behind is inert) with the focus on "more time". */
export function IdleWarning({ secondsLeft, t, onMoreTime }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    button.current?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="idle"
      aria-labelledby="idle-title"
      aria-describedby="idle-body"
      onCancel={(e) => {
        e.preventDefault();
        onMoreTime();
      }}
    >
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-body">{t('idle.body', { seconds: secondsLeft })}</p>
      <button ref={button} type="button" className="primary" onClick={onMoreTime} {...speakAttr({ key: 'speech.idle' })}>
        {t('idle.more')}
      </button>
    </dialog>
  );
}
