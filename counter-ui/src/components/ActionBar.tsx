import { forwardRef, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { BusyButton, press } from './BusyButton.js';
import { useShortcuts, type ShortcutMap } from '../hooks/useShortcuts.js';

export type Dialog = 'finish' | 'transfer' | 'pause' | 'close' | 'help';
export type ActionName = 'next' | 'recall' | 'start' | 'noShow' | 'finish' | 'transfer' | 'park' | 'pause' | 'close';

/** Each action's single-key shortcut, shown on its button. */
const SHORTCUT: Record<ActionName, string> = { next: 'n', recall: 'r', start: 's', noShow: 'x', finish: 'f', transfer: 't', park: 'k', pause: 'p', close: 'c' };

interface Props {
  can: Record<ActionName, boolean>;
  act: Record<ActionName | 'help', () => void>;
  /** Says why an action is not possible now (its button was pressed): `label` is the button's name. */
  explain(n: ActionName, label: string): void;
  busy: boolean;
  paused: boolean;
  parkResumes: boolean;
}

/**
 * The counter's actions, each with its shortcut on the button. Call next is the big one. An action not possible now
 * keeps its button in the bar, focusable and announced as unavailable (a toolbar's way): every answer changes what is
 * possible, often on the very button that has focus, and focus must stay on something. A shortcut is pressing its
 * button (it clicks it): nothing while a request runs, the reason when the action is not possible now, else the
 * action, and the button shows its request running as a click would.
 */
export function ActionBar({ can, act, explain, busy, paused, parkResumes }: Props) {
  const { t } = useI18n();
  const label: Record<ActionName | 'help', string> = {
    next: t('action.next'),
    recall: t('action.recall'),
    start: t('action.start'),
    noShow: t('action.noShow'),
    finish: t('action.finish'),
    transfer: t('action.transfer'),
    park: parkResumes ? t('action.resumeParked') : t('action.park'),
    pause: paused ? t('action.unpause') : t('action.pause'),
    close: t('action.close'),
    help: t('action.help'),
  };
  const why = (n: ActionName) => () => explain(n, label[n]);
  // A shortcut clicks its button, so that the button pressed is the one that shows its request running.
  const buttons = useRef<Partial<Record<ActionName, HTMLButtonElement | null>>>({});
  const shortcuts: ShortcutMap = {};
  for (const n of Object.keys(SHORTCUT) as ActionName[]) {
    shortcuts[SHORTCUT[n]] = () => {
      const el = buttons.current[n];
      if (el) el.click();
      else press({ busy, unavailable: !can[n] }, act[n], why(n));
    };
  }
  useShortcuts(shortcuts);
  const button = (n: ActionName, variant?: ActionButtonProps['variant']) => (
    <ActionButton
      ref={(el) => {
        buttons.current[n] = el;
      }}
      id={n === 'noShow' ? 'action-no-show' : `action-${n}`}
      shortcut={SHORTCUT[n]}
      variant={variant}
      onClick={act[n]}
      busy={busy}
      unavailable={!can[n]}
      onUnavailableClick={why(n)}
    >
      {label[n]}
    </ActionButton>
  );
  return (
    <section className="actions" aria-labelledby="actions-title">
      <h2 id="actions-title" className="visually-hidden">
        {t('action.title')}
      </h2>
      {button('next', 'primary')}
      <div className="actions__row">
        {button('recall')}
        {button('start')}
        {button('noShow')}
        {button('finish')}
      </div>
      <div className="actions__row">
        {button('transfer')}
        {button('park')}
        {button('pause')}
        {button('close', 'warning')}
        <ActionButton id="action-help" shortcut="?" onClick={act.help}>
          {label.help}
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
  /** The action is not possible now (e.g. no visitor to recall): focusable, announced as unavailable, a click explains. */
  unavailable?: boolean;
  onUnavailableClick?(): void;
  variant?: 'primary' | 'secondary' | 'warning' | undefined;
  children: ReactNode;
}

/** A button that shows its keyboard shortcut and declares it to assistive technology. */
export const ActionButton = forwardRef<HTMLButtonElement, ActionButtonProps>(function ActionButton(
  { id, shortcut, onClick, busy = false, unavailable = false, onUnavailableClick, variant = 'secondary', children },
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
      unavailable={unavailable}
      onUnavailableClick={onUnavailableClick}
      aria-keyshortcuts={shortcut === '?' ? 'Shift+?' : shortcut.toUpperCase()}
    >
      <span>{children}</span> <kbd aria-hidden="true">{shortcut.toUpperCase()}</kbd>
    </BusyButton>
  );
});
