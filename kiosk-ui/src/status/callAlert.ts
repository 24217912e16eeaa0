/** A called visitor feels and hears it, where the phone and browser allow: a vibration and a short two-tone chime. */
export function alertCalled(): void {
  try {
    navigator.vibrate?.([400, 200, 400]);
  } catch {
    // Not allowed here: the screen still says it in large letters.
  }
  try {
    const AudioCtx = window.AudioContext;
    if (!AudioCtx) return;
    const ctx = new AudioCtx();
    const tone = (freq: number, start: number) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, ctx.currentTime + start);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + 0.4);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + start);
      osc.stop(ctx.currentTime + start + 0.45);
    };
    tone(880, 0);
    tone(660, 0.45);
    setTimeout(() => void ctx.close(), 1500);
  } catch {
    // Autoplay blocked until the visitor has touched the page.
  }
}
