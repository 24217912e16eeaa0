import type { Connection } from '../state/boardState.js';
import type { Translate } from '../i18n/catalog.js';
import type { SoundControl } from '../hooks/useAnnouncements.js';

/** A discreet "reconnecting" mark (the board keeps its last state meanwhile) and the "enable sound" button. */
export function StatusBar({ connection, sound, t }: { connection: Connection; sound: SoundControl; t: Translate }) {
  return (
    <div className="status">
      <p role="status" className="status__connection" data-testid="connection" data-state={connection}>
        {connection === 'reconnecting' && (
          <>
            <span aria-hidden="true" className="status__dot" />
            {t('status.reconnecting')}
          </>
        )}
      </p>
      {sound.blocked && (
        <p className="status__sound">
          <span className="visually-hidden">{t('sound.blocked')} </span>
          <button type="button" className="button" onClick={sound.enable} data-testid="enable-sound">
            <svg aria-hidden="true" focusable="false" className="status__icon" viewBox="0 0 24 24" width="1em" height="1em">
              <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z" />
            </svg>{' '}
            {t('sound.enable')}
          </button>
        </p>
      )}
    </div>
  );
}
