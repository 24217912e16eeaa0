import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUIET_CHECK_MS, reloadWhenQuiet, ServerVersion } from './upgrade.js';

describe('a screen reloads after a server upgrade, at a quiet moment', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('notices a version other than the one it was loaded from, and keeps noticing it', () => {
    const v = new ServerVersion();
    expect(v.seen('1.0.0')).toBe(false);
    expect(v.seen('1.0.0')).toBe(false);
    expect(v.version).toBe('1.0.0');
    expect(v.seen('1.1.0')).toBe(true);
    expect(v.seen('1.0.0')).toBe(true);
  });

  it('reloads once, the first time the screen is quiet, and not after being stopped', () => {
    let quiet = false;
    const reload = vi.fn();
    reloadWhenQuiet(() => quiet, reload);
    vi.advanceTimersByTime(QUIET_CHECK_MS * 3);
    expect(reload).not.toHaveBeenCalled();
    quiet = true;
    vi.advanceTimersByTime(QUIET_CHECK_MS * 3);
    expect(reload).toHaveBeenCalledTimes(1);

    const other = vi.fn();
    const stop = reloadWhenQuiet(() => true, other);
    stop();
    vi.advanceTimersByTime(QUIET_CHECK_MS * 3);
    expect(other).not.toHaveBeenCalled();
  });
});
