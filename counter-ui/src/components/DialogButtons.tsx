import { useI18n } from '../i18n/i18n.js';
import { BusyButton } from './BusyButton.js';

interface Props {
  submit: string;
  /** While the form's request runs: the submit button says so and does nothing, but keeps focus. */
  busy: boolean;
  /** The form is incomplete (e.g. no outcome chosen yet): the submit button is disabled. */
  incomplete?: boolean;
  onCancel(): void;
}

/** A form's last row (a dialog's, an inline editor's): its submit button (a `BusyButton`) and Cancel. */
export function DialogButtons({ submit, busy, incomplete = false, onCancel }: Props) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <BusyButton type="submit" className="button" busy={busy} disabled={incomplete}>
        {submit}
      </BusyButton>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
    </div>
  );
}
