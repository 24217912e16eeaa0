/**
 * The call chime, synthesized with Web Audio: two soft bell tones (a falling major third), about 1.3 s.
 * Sine partials with a slow attack and an exponential decay: audible across a hall without being shrill.
 */

const TONES: readonly { freq: number; start: number }[] = [
  { freq: 659.25, start: 0 },
  { freq: 523.25, start: 0.45 },
];
const TONE_SECONDS = 0.85;

export function chimeDurationSeconds(): number {
  return (TONES[TONES.length - 1]?.start ?? 0) + TONE_SECONDS;
}

/** Schedules the chime on `out` and resolves when it has sounded. */
export function playChime(ctx: AudioContext, out: AudioNode): Promise<void> {
  const t0 = ctx.currentTime + 0.05;
  for (const { freq, start } of TONES) {
    for (const [ratio, level] of [
      [1, 0.5],
      [2, 0.12],
      [3, 0.05],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq * ratio;
      const at = t0 + start;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(level, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + TONE_SECONDS);
      osc.connect(gain).connect(out);
      osc.start(at);
      osc.stop(at + TONE_SECONDS + 0.05);
      osc.onended = () => gain.disconnect();
    }
  }
  return waitUntil(ctx, t0 + chimeDurationSeconds());
}

/** Resolves when the context's clock reaches `time` (a suspended context is not waited for forever). */
export function waitUntil(ctx: AudioContext, time: number): Promise<void> {
  const ms = Math.max(0, (time - ctx.currentTime) * 1000);
  return new Promise((resolve) => setTimeout(resolve, ms + 30));
}
