import type { VersionDiffView } from '@vuoro/server/protocol';
import { useI18n } from '../i18n/i18n.js';

/** A word diff per field: insertions underlined, deletions struck through, both also named for screen readers. */
export function DiffView({ diff }: { diff: VersionDiffView }) {
  const { t } = useI18n();
  return (
    <dl>
      {diff.fields.map((f) => (
        <div key={f.field}>
          <dt>{f.field}</dt>
          <dd className="kb-review__field">
            {f.parts.map((part, i) =>
              part.added ? (
                <ins key={i} className="kb-diff">
                  <span className="visually-hidden">[{t('review.added')}: </span>
                  {part.value}
                  <span className="visually-hidden">]</span>
                </ins>
              ) : part.removed ? (
                <del key={i} className="kb-diff">
                  <span className="visually-hidden">[{t('review.removed')}: </span>
                  {part.value}
                  <span className="visually-hidden">]</span>
                </del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
