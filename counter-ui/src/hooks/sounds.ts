const KEY = 'vuoro.counter.sounds';
let context: AudioContext | null = null;

export function soundsEnabled(): boolean {
  return localStorage.getItem(KEY) === 'on';
}

export function setSoundsEnabled(on: boolean): void {
  localStorage.setItem(KEY, on ? 'on' : 'off');
}

/** Short tones made with Web Audio: a rising pair when someone arrives in an empty queue, a low buzz on failure. */
export function playSound(kind: 'arrival' | 'failure'): void {
  if (!soundsEnabled()) return;
  try {
    context ??= new AudioContext();
    const ctx = context;
    const notes = kind === 'arrival' ? [660, 880] : [220, 180];
    notes.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = kind === 'arrival' ? 'sine' : 'square';
      osc.frequency.value = freq;
      const start = ctx.currentTime + i * 0.16;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.14);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.15);
    });
  } catch {
    // Sound is optional: a browser without Web Audio simply stays silent.
  }
}
