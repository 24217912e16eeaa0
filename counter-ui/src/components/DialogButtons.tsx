import { useI18n } from '../i18n/i18n.js';

/** A form's last row (a dialog's, an inline editor's): its submit button (disabled while busy or incomplete) and Cancel. */
export function DialogButtons({ submit, disabled, onCancel }: { submit: string; disabled: boolean; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="button-row">
      <button type="submit" className="button" disabled={disabled}>
        {submit}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
    </div>
  );
}
