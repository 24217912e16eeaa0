/**
 * One of the five faces, drawn as SVG so every phone shows it (no emoji font needed). The mouth curves from a deep
 * frown (1) to a broad smile (5); the face is decoration next to the answer's text, hidden from screen readers.
 */
export function FeedbackFace({ rating }: { rating: number }) {
  // Mouth: from (12, 27) to (28, 27); the control point moves from above (frown) to below (smile).
  const bend = [-7, -3.5, 0, 3.5, 7][rating - 1] ?? 0;
  return (
    <svg className="face" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="17" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <circle cx="14" cy="16" r="2.2" fill="currentColor" />
      <circle cx="26" cy="16" r="2.2" fill="currentColor" />
      <path d={`M12 ${27 - bend / 2} Q20 ${27 + bend} 28 ${27 - bend / 2}`} fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
