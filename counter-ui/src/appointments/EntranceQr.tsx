import { useEffect, useMemo, useState } from 'react';
import QRCode from 'qrcode';
import type { EntranceCode } from '@vuoro/server/protocol';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  token: string;
  publicUrl: string | null;
}

/**
 * Today's entrance QR for visitors who joined from home: scanned at the door, it checks their ticket in. The code
 * changes at the hall's midnight, so the page says for which day it is; print it each morning (the Print button
 * prints the page).
 */
export function EntranceQr({ token, publicUrl }: Props) {
  const { t, language } = useI18n();
  const [entrance, setEntrance] = useState<EntranceCode | null>(null);
  useEffect(() => {
    let live = true;
    // Not shown when it cannot be read (e.g. the session expired: the page's other requests say so).
    // Only where some service can be joined from home.
    api('remoteServices', token)
      .then((list) => (list.length > 0 ? api('remoteEntrance', token) : null))
      .then(
        (e) => {
          if (live) setEntrance(e);
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [token]);
  const url = entrance ? `${(publicUrl ?? window.location.origin).replace(/\/$/, '')}${entrance.path}` : '';
  const qr = useMemo(() => {
    if (!url) return null;
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y += 1) {
      for (let x = 0; x < modules.size; x += 1) if (modules.data[y * modules.size + x]) d += `M${x + 4} ${y + 4}h1v1h-1z`;
    }
    return { size: modules.size + 8, d };
  }, [url]);
  if (!entrance || !qr) return null;
  const day = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${entrance.validOn}T12:00:00Z`));
  return (
    <section className="panel entrance-qr" aria-labelledby="appt-entrance-title" data-testid="entrance-qr">
      <h2 id="appt-entrance-title">{t('appt.entrance')}</h2>
      <p>{t('appt.entranceHint', { day })}</p>
      <svg viewBox={`0 0 ${qr.size} ${qr.size}`} width="160" height="160" role="img" aria-label={t('appt.entranceQr', { day })} data-value={url} shapeRendering="crispEdges">
        <rect width={qr.size} height={qr.size} fill="#ffffff" />
        <path d={qr.d} fill="#000000" />
      </svg>
      <p>
        {t('appt.entranceCode')} <strong className="entrance-code">{entrance.code}</strong>
      </p>
      <button type="button" className="button button--secondary" onClick={() => window.print()}>
        {t('appt.entrancePrint')}
      </button>
    </section>
  );
}
