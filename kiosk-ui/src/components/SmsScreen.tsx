import { useState } from 'react';
import type { MessageKey } from '../i18n/catalogs';
import { speakAttr } from '../speech/speakAttr';
import { ContactScreen, type ChannelScreenProps } from './ContactScreen';

const MAX_LENGTH = 20;
const KEYS: readonly { key: string; speak: MessageKey }[] = [
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => ({ key: d, speak: `sms.key${d}` as MessageKey })),
  { key: '+', speak: 'sms.plus' },
  { key: '0', speak: 'sms.key0' },
];

/**
 * At the kiosk: "text me when it is my turn". The number is typed on an on-screen keypad (or a keyboard); in speech
 * mode only the keys are read aloud, never the number.
 */
export function SmsScreen(props: ChannelScreenProps) {
  const { t } = props;
  const [number, setNumber] = useState('');
  const press = (key: string) => setNumber((n) => (n.length >= MAX_LENGTH ? n : key === '+' && n.length > 0 ? n : n + key));
  return (
    <ContactScreen
      {...props}
      channel="sms"
      invalidKey="notify.errorPhone"
      address={number}
      valid={(n) => n.replace(/\D/g, '').length >= 6}
    >
      {({ problem, errorId }) => (
        <>
          <label htmlFor="sms-number" className="sms-label">
            {t('notify.smsLabel')}
          </label>
          <p className="hint" id="sms-hint">
            {t('notify.smsHint')}
          </p>
          <input
            id="sms-number"
            className="sms-number"
            type="tel"
            inputMode="none"
            autoComplete="off"
            maxLength={MAX_LENGTH}
            value={number}
            aria-invalid={problem === 'invalid' ? true : undefined}
            aria-describedby={errorId ? `sms-hint ${errorId}` : 'sms-hint'}
            onChange={(e) => setNumber(e.target.value.replace(/[^\d+ ]/g, '').slice(0, MAX_LENGTH))}
            {...speakAttr({ key: 'notify.smsLabel' })}
          />
          <div className="keypad" role="group" aria-label={t('sms.keypad')}>
            {KEYS.map((k) => (
              <button key={k.key} type="button" className="key" onClick={() => press(k.key)} {...speakAttr({ key: k.speak })}>
                {k.key}
              </button>
            ))}
            <button type="button" className="key" onClick={() => setNumber((n) => n.slice(0, -1))} aria-label={t('sms.delete')} {...speakAttr({ key: 'sms.delete' })}>
              <span aria-hidden="true">⌫</span>
            </button>
          </div>
        </>
      )}
    </ContactScreen>
  );
}
