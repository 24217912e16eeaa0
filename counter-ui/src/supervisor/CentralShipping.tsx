import { useEffect, useState } from 'react';
import type { ShippingStatus } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';
import { api } from '../api/client.js';

const POLL_MS = 15_000;

/** "Central: connected / behind by N events / unreachable since …", when the hall ships to a central server. */
export function CentralShipping({ token }: { token: string }) {
  const { t, language } = useI18n();
  const [status, setStatus] = useState<ShippingStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api('centralShipping', token).then(
        (s) => live && setStatus(s),
        () => undefined,
      );
    void load();
    const id = window.setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, [token]);
  if (!status || status.state === 'off') return null;
  const n = status.behindBy.toLocaleString(language);
  const text =
    status.state === 'unreachable'
      ? t('central.shipping.unreachable', { time: new Date(status.unreachableSince ?? Date.now()).toLocaleString(language), n })
      : status.state === 'behind'
        ? t('central.shipping.behind', { n })
        : t('central.shipping.connected');
  return (
    <p className={`notice${status.state === 'unreachable' ? ' notice--important' : ''}`} data-testid="central-shipping" data-state={status.state}>
      {text}
    </p>
  );
}
