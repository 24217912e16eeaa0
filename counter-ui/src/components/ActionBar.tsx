import { forwardRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { BusyButton } from './BusyButton.js';

export type Dialog = 'finish' | 'transfer' | 'pause' | 'close' | 'help';
type Name = 'next' | 'recall' | 'start' | 'noShow' | 'finish' | 'transfer' | 'park' | 'pause' | 'close';

interface Props {
  can: Record<Name, boolean>;
  act: Record<Name | 'help', () => void>;
  busy: boolean;
  paused: boolean;
  parkResumes: boolean;
}

/** The counter's actions, each with its shortcut on the button. Call next is the big one. */
export function ActionBar({ can, act, busy, paused, parkResumes }: Props) {
  const { t } = useI18n();
  const off = (n: Name) => !can[n];
  return (
    <section className="actions" aria-labelledby="actions-title">
      <h2 id="actions-title" className="visually-hidden">
        {t('action.title')}
      </h2>
      <ActionButton id="action-next" shortcut="n" variant="primary" onClick={act.next} busy={busy} disabled={off('next')}>
        {t('action.next')}
      </ActionButton>
      <div className="actions__row">
        <ActionButton id="action-recall" shortcut="r" onClick={act.recall} busy={busy} disabled={off('recall')}>
          {t('action.recall')}
        </ActionButton>
        <ActionButton id="action-start" shortcut="s" onClick={act.start} busy={busy} disabled={off('start')}>
          {t('action.start')}
        </ActionButton>
        <ActionButton id="action-no-show" shortcut="x" onClick={act.noShow} busy={busy} disabled={off('noShow')}>
          {t('action.noShow')}
        </ActionButton>
        <ActionButton id="action-finish" shortcut="f" onClick={act.finish} busy={busy} disabled={off('finish')}>
          {t('action.finish')}
        </ActionButton>
      </div>
      <div className="actions__row">
        <ActionButton id="action-transfer" shortcut="t" onClick={act.transfer} busy={busy} disabled={off('transfer')}>
          {t('action.transfer')}
        </ActionButton>
        <ActionButton id="action-park" shortcut="k" onClick={act.park} busy={busy} disabled={off('park')}>
          {parkResumes ? t('action.resumeParked') : t('action.park')}
        </ActionButton>
        <ActionButton id="action-pause" shortcut="p" onClick={act.pause} busy={busy} disabled={off('pause')}>
          {paused ? t('action.unpause') : t('action.pause')}
        </ActionButton>
        <ActionButton id="action-close" shortcut="c" variant="warning" onClick={act.close} busy={busy} disabled={off('close')}>
          {t('action.close')}
        </ActionButton>
        <ActionButton id="action-help" shortcut="?" onClick={act.help}>
          {t('action.help')}
        </ActionButton>
      </div>
    </section>
  );
}
interface ActionButtonProps {
  id: string;
  shortcut: string;
  onClick(): void;
  /** An action is running: the button does nothing, but keeps focus. */
  busy?: boolean;
  /** The action is not possible now (e.g. no visitor to recall). */
  disabled?: boolean;
  variant?: 'primary' | 'secondary' | 'warning';
  children: ReactNode;
}

/** A button that shows its keyboard shortcut and declares it to assistive technology. */
export const ActionButton = forwardRef<HTMLButtonElement, ActionButtonProps>(function ActionButton(
  { id, shortcut, onClick, busy = false, disabled = false, variant = 'secondary', children },
  ref,
) {
  return (
    <BusyButton
      ref={ref}
      id={id}
      type="button"
      className={`button action button--${variant}`}
      onClick={onClick}
      busy={busy}
      disabled={disabled}
      aria-keyshortcuts={shortcut === '?' ? 'Shift+?' : shortcut.toUpperCase()}
    >
      <span>{children}</span> <kbd aria-hidden="true">{shortcut.toUpperCase()}</kbd>
    </BusyButton>
  );
});
