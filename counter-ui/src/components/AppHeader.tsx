import { useState } from 'react';
import { LANGUAGE_AUTONYMS, LANGUAGES, localize, type CounterView, type Language, type StaffSnapshot } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import type { StoredSession } from '../api/session.js';
import { hashOf, type Route } from '../hooks/useHashRoute.js';
import { setSoundsEnabled, soundsEnabled } from '../hooks/sounds.js';

interface Props {
  session: StoredSession;
  snapshot: StaffSnapshot | null;
  counter: CounterView | null;
  connected: boolean;
  route: Route;
  onRoute(r: Route): void;
  onSignOut(): void;
}

/** Who is signed in, where, the connection state, navigation, language and sound settings. */
export function AppHeader({ session, snapshot, counter, connected, route, onRoute, onSignOut }: Props) {
  const { t, language } = useI18n();
  const [sounds, setSounds] = useState(soundsEnabled);
  const supervisor = session.user.role !== 'staff';
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <p className="app-header__name">
        {snapshot ? localize(snapshot.hall.name, language) : t('app.name')}
        {counter ? <span className="app-header__counter"> · {t('header.counter', { label: counter.label })}</span> : null}
      </p>
      <p className="app-header__user">
        {/* The name is what a colleague looks for; "Signed in as" is said to screen readers, not drawn (one header line). */}
        <span className="visually-hidden">{t('header.signedInAs', { name: session.user.displayName })}</span>
        <span aria-hidden="true">{session.user.displayName}</span>
        <span className={`connection connection--${connected ? 'up' : 'down'}`}>
          {connected ? t('connection.online') : t('connection.offline')}
        </span>
      </p>
      <nav aria-label={t('header.nav')} className="app-header__nav">
        <a href="#/" aria-current={route === 'counter' ? 'page' : undefined} onClick={(e) => (e.preventDefault(), onRoute('counter'))}>
          {t('nav.counter')}
        </a>
        {/* An admin's header is full (one line at 1366 px): admins reach appointments from the supervisor view. */}
        {snapshot?.services.some((s) => s.appointments) && session.user.role !== 'admin' ? <NavLink to="appointments" route={route} onRoute={onRoute} label={t('nav.appointments')} /> : null}
        {supervisor ? <NavLink to="supervisor" route={route} onRoute={onRoute} label={t('nav.supervisor')} /> : null}
        {supervisor ? <NavLink to="statistics" route={route} onRoute={onRoute} label={t('nav.statistics')} /> : null}
        {supervisor ? <NavLink to="knowledge" route={route} onRoute={onRoute} label={t('nav.knowledge')} /> : null}
        {session.user.role === 'admin' ? <NavLink to="admin" route={route} onRoute={onRoute} label={t('nav.admin')} /> : null}
      </nav>
      <div className="app-header__settings">
        <LanguageSwitch />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={sounds}
            onChange={(e) => {
              setSoundsEnabled(e.target.checked);
              setSounds(e.target.checked);
            }}
          />
          {t('header.sounds')}
        </label>
        <button type="button" className="button button--secondary" onClick={onSignOut}>
          {t('header.signOut')}
        </button>
      </div>
    </header>
  );
}

/** The staff member's UI language, each named in itself. */
export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <div className="language-switch">
      <label htmlFor="ui-language" className="language-switch__label">
        {t('app.language')}
      </label>
      <select id="ui-language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_AUTONYMS[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

function NavLink({ to, route, onRoute, label }: { to: Route; route: Route; onRoute(r: Route): void; label: string }) {
  return (
    <a href={hashOf(to)} aria-current={route === to ? 'page' : undefined} onClick={(e) => (e.preventDefault(), onRoute(to))}>
      {label}
    </a>
  );
}
