import { useCallback, useEffect, useState } from 'react';
import { path } from '@vuoro/server/protocol/client';
import type { FeedbackStatusView } from '@vuoro/server/protocol';

export type FeedbackState =
  | { phase: 'loading' }
  /** The visit is not finished, the page cannot reach the server, or there is nothing to ask. */
  | { phase: 'none' }
  | { phase: 'ask' }
  | { phase: 'sending' }
  | { phase: 'thanks'; already: boolean }
  | { phase: 'failed' };

const url = (token: string) => path('visitorFeedback', { token });

/**
 * Whether to ask this visitor for feedback (GET …/feedback says {canGive, given}) and sending it once. A visit that
 * was rated already shows the thanks instead of the question, also after a reload.
 */
export function useFeedback(token: string, finished: boolean): { state: FeedbackState; send(rating: number, comment: string): Promise<void> } {
  const [state, setState] = useState<FeedbackState>({ phase: 'loading' });
  useEffect(() => {
    if (!finished) {
      setState({ phase: 'none' });
      return;
    }
    let live = true;
    void fetch(url(token))
      .then(async (res) => (res.ok ? ((await res.json()) as FeedbackStatusView) : null))
      .catch(() => null)
      .then((s) => {
        if (!live) return;
        if (s?.canGive) setState({ phase: 'ask' });
        else if (s?.given) setState({ phase: 'thanks', already: true });
        else setState({ phase: 'none' });
      });
    return () => {
      live = false;
    };
  }, [token, finished]);

  const send = useCallback(
    async (rating: number, comment: string) => {
      setState({ phase: 'sending' });
      try {
        const trimmed = comment.trim();
        const res = await fetch(path('giveFeedback', { token }), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(trimmed ? { rating, comment: trimmed } : { rating }),
        });
        if (res.status === 201) setState({ phase: 'thanks', already: false });
        else if (res.status === 409) setState({ phase: 'thanks', already: true });
        else setState({ phase: 'failed' });
      } catch {
        setState({ phase: 'failed' });
      }
    },
    [token],
  );
  return { state, send };
}
