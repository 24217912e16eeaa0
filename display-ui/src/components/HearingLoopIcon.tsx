/** The hearing-loop symbol (an ear with a "T"), named for screen readers; a shape, never a colour alone. */
export function HearingLoopIcon({ label }: { label: string }) {
  return (
    <svg className="loop-icon" viewBox="0 0 48 48" role="img" aria-label={label} focusable="false">
      <title>{label}</title>
      <rect x="1.5" y="1.5" width="45" height="45" rx="6" fill="none" stroke="currentColor" strokeWidth="3" />
      <path
        d="M15 30c0-9 2-17 10-17 6 0 9 4 9 9 0 4-2 6-4 8-2 2-2 4-2 6 0 3-2 5-5 5"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <path d="M21 25c0-4 1-6 4-6 2 0 3 1 3 3" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      <path d="M31 36h10M36 36v8" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
