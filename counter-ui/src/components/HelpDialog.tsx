import { useI18n, type MessageKey } from '../i18n/i18n.js';
import { Modal } from './Modal.js';

export const SHORTCUTS: readonly { key: string; label: MessageKey }[] = [
  { key: 'N', label: 'action.next' },
  { key: 'R', label: 'action.recall' },
  { key: 'S', label: 'action.start' },
  { key: 'X', label: 'action.noShow' },
  { key: 'F', label: 'action.finish' },
  { key: 'T', label: 'action.transfer' },
  { key: 'K', label: 'action.park' },
  { key: 'P', label: 'action.pause' },
  { key: 'C', label: 'action.close' },
  { key: 'Q', label: 'help.queue' },
  { key: 'L', label: 'help.lookup' },
  { key: 'I', label: 'help.knowledge' },
  { key: 'A', label: 'help.resolveWith' },
  { key: '?', label: 'action.help' },
];

/** Every shortcut in one list; Escape or the button closes it. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} id="help-dialog" title={t('help.title')} onClose={onClose} initialFocus="title">
      <p>{t('help.intro')}</p>
      <table className="table">
        <caption className="visually-hidden">{t('help.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.does')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>{s.key}</kbd>
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('help.tab')}</p>
      <button type="button" className="button" onClick={onClose}>
        {t('dialog.close')}
      </button>
    </Modal>
  );
}
