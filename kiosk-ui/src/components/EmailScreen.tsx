import { useState } from 'react';
import { speakAttr } from '../speech/speakAttr';
import { ContactScreen, type ChannelScreenProps } from './ContactScreen';

const MAX_LENGTH = 80;
/** Ten columns: digits, the letters in keyboard order, and what an address needs (@ . - _). */
const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl@', 'zxcvbnm.-_'];

/** At the kiosk: "email me when it is my turn". The address is typed on an on-screen keyboard (or a real one). */
export function EmailScreen(props: ChannelScreenProps) {
  const { t } = props;
  const [address, setAddress] = useState('');
  const press = (key: string) => setAddress((a) => (a.length >= MAX_LENGTH ? a : a + key));
  return (
    <ContactScreen
      {...props}
      channel="email"
      invalidKey="notify.errorEmail"
      address={address.trim()}
      valid={(a) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a)}
    >
      {({ problem, errorId }) => (
        <>
          <label htmlFor="email-address" className="sms-label">
            {t('notify.emailLabel')}
          </label>
          <input
            id="email-address"
            className="sms-number email-address"
            type="email"
            inputMode="none"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={MAX_LENGTH}
            value={address}
            aria-invalid={problem === 'invalid' ? true : undefined}
            aria-describedby={errorId}
            onChange={(e) => setAddress(e.target.value.replace(/\s/g, '').slice(0, MAX_LENGTH))}
            {...speakAttr({ key: 'notify.emailLabel' })}
          />
          <div className="email-keys" role="group" aria-label={t('email.keyboard')}>
            {ROWS.join('')
              .split('')
              .map((ch) => (
                <button key={ch} type="button" className="code-key" onClick={() => press(ch)}>
                  {ch}
                </button>
              ))}
            <button type="button" className="code-key email-key-wide" onClick={() => press('.com')}>
              .com
            </button>
            <button type="button" className="code-key email-key-wide" onClick={() => setAddress((a) => a.slice(0, -1))} aria-label={t('email.delete')} {...speakAttr({ key: 'email.delete' })}>
              <span aria-hidden="true">⌫</span>
            </button>
          </div>
        </>
      )}
    </ContactScreen>
  );
}
