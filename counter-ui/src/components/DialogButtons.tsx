import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  submit: string;
  /** While the form's request runs: the submit button says so and does nothing, but keeps focus. */
  busy: boolean;
  /** The form is incomplete (e.g. no outcome chosen yet): the submit button is disabled. */
  incomplete?: boolean;
  onCancel(): void;
}

/**
 * A form's last row (a dialog's, an inline editor's): its submit button and Cancel. Busy is `aria-disabled`, not
 * `disabled`: a focused button that becomes disabled loses focus to the page body at the next frame, so a slow
 * request would leave a keyboard or screen-reader user nowhere (and a failed one would leave them there). Its click,
 * and Enter in a field (which clicks the submit button), are cancelled while busy.
 */
export function DialogButtons({ submit, busy, incomplete = false, onCancel }: Props) {
  const { t } = useI18n();
  const whileBusy = (e: MouseEvent) => {
    if (busy) e.preventDefault();
  };
  return (
    <div className="button-row">
      <button type="submit" className="button" disabled={incomplete} aria-disabled={busy || undefined} onClick={whileBusy}>
        {submit}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
    </div>
  );
}
