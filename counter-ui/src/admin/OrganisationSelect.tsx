import type { ReactNode } from 'react';
import { localize, type Organisation } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  id: string;
  label: ReactNode;
  /** An organisation's id, or '' for the whole hall. */
  value: string;
  organisations: readonly Organisation[];
  onChange(value: string): void;
}

/** "Organisation": one of the hall's organisations, or the whole hall (''). */
export function OrganisationSelect({ id, label, value, organisations, onChange }: Props) {
  const { t, language } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('admin.wholeHall')}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {localize(o.name, language)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The name of an organisation in the reader's language, or "whole hall" for none. */
export function useOrganisationName(organisations: readonly Organisation[]): (id: string | null) => string {
  const { t, language } = useI18n();
  return (id) => {
    const o = organisations.find((x) => x.id === id);
    return o ? localize(o.name, language) : t('admin.wholeHall');
  };
}
