import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialLink } from './SerialLink.js';
import { LinkClosedError, LinkTimeoutError, type LinkStatus } from './Link.js';
import { MockBinding, UnpluggableMockBinding } from '../testing/unpluggableMockBinding.js';
import { waitForEvent, waitUntil } from '../testing/waitFor.js';

const PATH = '/dev/ttyMOCK0';
const FAST_RECONNECT = { initialDelayMs: 5, maxDelayMs: 40 };

/** One byte answers, like DLE EOT status replies. */
const oneByte = (received: Buffer): number => (received.length >= 1 ? 1 : 0);

describe('SerialLink', () => {
  let binding: UnpluggableMockBinding;
  let link: SerialLink;

  beforeEach(() => {
    MockBinding.reset();
    binding = new UnpluggableMockBinding();
    link = new SerialLink({ path: PATH, baudRate: 9600, binding, reconnect: FAST_RECONNECT });
    link.on('error', () => undefined);
  });

  afterEach(async () => {
    await link.close();
  });

  it('opens the port and reports connecting then open', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    const statuses: LinkStatus[] = [];
    link.on('status', (status) => statuses.push(status));
    await link.open();
    expect(link.isOpen).toBe(true);
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('writes bytes to the port and emits bytes the device sends', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    await link.write(Buffer.from([0x1b, 0x40]));
    expect([...binding.port(PATH).recording]).toEqual([0x1b, 0x40]);
    const received = waitForEvent<[Buffer]>(link, 'data');
    binding.port(PATH).emitData(Buffer.from('hi'));
    const [data] = await received;
    expect(data.toString()).toBe('hi');
  });

  it('resolves a request with the matched answer even when it arrives in pieces', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const port = binding.port(PATH);
    const answer = link.request({
      command: 'read three bytes',
      data: Buffer.from([0x01]),
      timeoutMs: 10_000,
      match: (received) => (received.length >= 3 ? 3 : 0),
    });
    await waitUntil(() => port.recording.length === 1, 'the request was written');
    port.emitData(Buffer.from([0xaa]));
    port.emitData(Buffer.from([0xbb, 0xcc, 0xdd]));
    expect([...(await answer)]).toEqual([0xaa, 0xbb, 0xcc]);
  });

  it('fails a request without an answer with an error naming the command and the time', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const error = await link
      .request({ command: 'DLE EOT 1 (printer status)', data: Buffer.from([0x10, 0x04, 0x01]), timeoutMs: 30, match: oneByte })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkTimeoutError);
    expect((error as Error).message).toBe(`DLE EOT 1 (printer status) got no answer within 30 ms on serial ${PATH}`);
  });

  it('a stalled process is not the device being silent: the answer that comes right after the stall is taken', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const port = binding.port(PATH);
    const answer = link.request({ command: 'DLE EOT 1 (printer status)', data: Buffer.from([0x10, 0x04, 0x01]), timeoutMs: 100, match: oneByte });
    await waitUntil(() => port.recording.length === 3, 'the request was written');
    await new Promise((resolve) => setImmediate(resolve));
    // The whole process stalls for four answer windows (as on a starved machine); the printer's answer is read on the
    // first turn of the event loop after it. Before, the expired timer ran first and called the printer silent.
    const until = performance.now() + 400;
    while (performance.now() < until) {
      // busy: nothing else runs
    }
    setImmediate(() => port.emitData(Buffer.from([0x12])));
    expect([...(await answer)]).toEqual([0x12]);
  });

  it("a late answer to an unanswered request is not taken as the next request's answer", async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const port = binding.port(PATH);
    const ask = (n: number) => link.request({ command: `DLE EOT ${n}`, data: Buffer.from([0x10, 0x04, n]), timeoutMs: 60, match: oneByte });
    await expect(ask(1)).rejects.toBeInstanceOf(LinkTimeoutError);
    const second = ask(2);
    await new Promise((resolve) => setTimeout(resolve, 15));
    port.emitData(Buffer.from([0x11])); // the answer to DLE EOT 1, late
    await waitUntil(() => port.recording.length === 6, 'the second request was written');
    port.emitData(Buffer.from([0x22]));
    expect([...(await second)]).toEqual([0x22]);
  });

  it('runs one request at a time so answers never go to the wrong caller', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const port = binding.port(PATH);
    const first = link.request({ command: 'first', data: Buffer.from([1]), timeoutMs: 10_000, match: oneByte });
    const second = link.request({ command: 'second', data: Buffer.from([2]), timeoutMs: 10_000, match: oneByte });
    await waitUntil(() => port.recording.length === 1, 'the first request was written');
    port.emitData(Buffer.from([0x11]));
    await waitUntil(() => port.recording.length === 2, 'the second request was written');
    port.emitData(Buffer.from([0x22]));
    expect([...(await first)]).toEqual([0x11]);
    expect([...(await second)]).toEqual([0x22]);
  });

  it('rejects a pending request when the link is closed', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const pending = link.request({ command: 'status', data: Buffer.from([1]), timeoutMs: 60_000, match: oneByte });
    await waitUntil(() => binding.port(PATH).recording.length === 1, 'the request was written');
    await link.close();
    await expect(pending).rejects.toBeInstanceOf(LinkClosedError);
    await expect(pending).rejects.toThrow('while waiting for status');
  });

  it('rejects writes while the port is not open instead of queueing them forever', async () => {
    await expect(link.write(Buffer.from([1]))).rejects.toThrow(`serial ${PATH} is not open`);
  });

  it('keeps retrying a port that does not exist yet and opens it once it appears', async () => {
    const errors: Error[] = [];
    link.on('error', (error) => errors.push(error));
    await link.open();
    expect(link.isOpen).toBe(false);
    expect(link.status).toBe('connecting');
    await waitUntil(() => errors.length >= 2, 'two failed attempts were reported');
    expect(errors[0]?.message).toContain(`cannot open serial ${PATH}`);
    const opened = waitForEvent<[LinkStatus]>(link, 'status', (status) => status === 'open');
    MockBinding.createPort(PATH, { record: true, echo: false });
    await opened;
    expect(link.isOpen).toBe(true);
  });

  it('reports an unplugged device as disconnected and reopens it by itself when it is back', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const disconnected = waitForEvent(link, 'disconnected');
    binding.unplug(PATH);
    await disconnected;
    expect(link.isOpen).toBe(false);
    await expect(link.write(Buffer.from([1]))).rejects.toThrow('is not open');
    const reopened = waitForEvent<[LinkStatus]>(link, 'status', (status) => status === 'open');
    binding.replug(PATH);
    await reopened;
    await link.write(Buffer.from([0x42]));
    expect([...binding.port(PATH).recording]).toEqual([0x42]);
  });

  it('rejects the pending request when the device is unplugged mid-request', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    const pending = link.request({ command: 'status', data: Buffer.from([1]), timeoutMs: 60_000, match: oneByte });
    await waitUntil(() => binding.port(PATH).recording.length === 1, 'the request was written');
    binding.unplug(PATH);
    await expect(pending).rejects.toThrow(`serial ${PATH} disconnected while waiting for status`);
  });

  it('does not report disconnected when closed on purpose, and stops reconnecting', async () => {
    MockBinding.createPort(PATH, { record: true, echo: false });
    await link.open();
    let disconnects = 0;
    link.on('disconnected', () => (disconnects += 1));
    await link.close();
    expect(link.status).toBe('closed');
    expect(binding.isOpen(PATH)).toBe(false);
    // A reopen attempt would be visible as a newly opened mock port.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(binding.isOpen(PATH)).toBe(false);
    expect(disconnects).toBe(0);
  });

  it('treats a device path that disappears while open as unplugged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vuoro-link-'));
    const devicePath = join(dir, 'ttyUSB0');
    writeFileSync(devicePath, '');
    MockBinding.createPort(devicePath, { record: true, echo: false });
    const watched = new SerialLink({ path: devicePath, baudRate: 9600, binding, presenceCheckMs: 10, reconnect: FAST_RECONNECT });
    watched.on('error', () => undefined);
    try {
      await watched.open();
      expect(watched.isOpen).toBe(true);
      const disconnected = waitForEvent(watched, 'disconnected');
      rmSync(devicePath);
      await disconnected;
      expect(watched.isOpen).toBe(false);
    } finally {
      await watched.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
