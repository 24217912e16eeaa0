import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StatusKey } from './useCatalog';
import { FeedbackFace } from './FeedbackFace';
import { useFeedback } from './useFeedback';
import { BusyButton } from '../components/BusyButton.js';

type T = (key: StatusKey, params?: Record<string, string | number>) => string;

const RATINGS = [5, 4, 3, 2, 1] as const;
const MAX_COMMENT = 500;

/**
 * After a finished visit: one question, five answers (real radio buttons, each a face and a text), an optional
 * comment, once per visit. The thanks replaces the form and takes the focus, so a screen reader hears it.
 */
export function FeedbackForm({ token, t }: { token: string; t: T }) {
  const { state, send } = useFeedback(token, true);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const thanks = useRef<HTMLHeadingElement>(null);
  const error = useRef<HTMLParagraphElement>(null);
  const thanked = state.phase === 'thanks' && !state.already;

  useEffect(() => {
    if (thanked) thanks.current?.focus();
  }, [thanked]);
  useEffect(() => {
    if (missing) error.current?.focus();
  }, [missing]);

  if (state.phase === 'loading' || state.phase === 'none') return null;
  if (state.phase === 'thanks') {
    return (
      <section className="feedback" aria-labelledby="feedback-thanks" data-testid="feedback-thanks">
        <h2 id="feedback-thanks" ref={thanks} tabIndex={-1}>
          {t('feedback.thanks')}
        </h2>
        {state.already ? <p>{t('feedback.given')}</p> : null}
      </section>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) {
      setMissing(true);
      return;
    }
    void send(rating, comment);
  };

  return (
    <section className="feedback" aria-labelledby="feedback-question">
      <form onSubmit={submit} noValidate data-testid="feedback-form">
        <fieldset aria-describedby={missing ? 'feedback-missing' : undefined}>
          <legend>
            <h2 id="feedback-question">{t('feedback.question')}</h2>
          </legend>
          {missing ? (
            <p id="feedback-missing" className="error" role="alert" ref={error} tabIndex={-1}>
              {t('feedback.choose')}
            </p>
          ) : null}
          <div className="faces">
            {RATINGS.map((r) => (
              <label key={r} className="face-choice">
                <input
                  type="radio"
                  name="rating"
                  value={r}
                  checked={rating === r}
                  onChange={() => {
                    setRating(r);
                    setMissing(false);
                  }}
                />
                <FeedbackFace rating={r} />
                <span>{t(`feedback.rating${r}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="feedback-comment" className="comment-label">
          {t('feedback.comment')}
        </label>
        <p id="feedback-comment-hint" className="hint">
          {t('feedback.commentHint', { max: MAX_COMMENT })}
        </p>
        <textarea
          id="feedback-comment"
          rows={3}
          maxLength={MAX_COMMENT}
          value={comment}
          aria-describedby="feedback-comment-hint"
          onChange={(e) => setComment(e.target.value)}
        />
        {state.phase === 'failed' ? <p role="alert">{t('feedback.error')}</p> : null}
        <BusyButton type="submit" className="primary" busy={state.phase === 'sending'}>
          {t('feedback.send')}
        </BusyButton>
      </form>
    </section>
  );
}
