import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
  SetOptions,
  UpdateOptions,
} from '@serialport/bindings-interface' with { 'resolution-mode': 'require' };
import type { MockPortBinding } from '@serialport/binding-mock' with { 'resolution-mode': 'require' };
import { SerialPortMock } from 'serialport';

/** @serialport/binding-mock's MockBinding (its ESM entry ships no types, serialport re-exports it typed). */
export const MockBinding = SerialPortMock.binding;

/**
 * Test double at the serial-binding boundary: MockBinding plus the one thing
 * it lacks, pulling the cable. `unplug(path)` fails the pending read the way a
 * vanished USB device does (so serialport closes with `disconnected: true`) and
 * makes re-opening fail until `replug(path)`.
 */
export class UnpluggableMockBinding implements BindingInterface {
  readonly #ports = new Map<string, UnpluggablePort>();
  readonly #unplugged = new Set<string>();
  readonly #devices = new Map<string, (data: Buffer) => void>();
  readonly #failWhen = new Map<string, (data: Buffer) => boolean>();

  /**
   * Plays the device on `path`: `device` sees every write the driver makes and
   * can answer with `binding.port(path).emitData(...)`.
   */
  attachDevice(path: string, device: (data: Buffer) => void): void {
    this.#devices.set(path, device);
  }

  list(): Promise<PortInfo[]> {
    return MockBinding.list();
  }

  async open(options: OpenOptions): Promise<BindingPortInterface> {
    if (this.#unplugged.has(options.path)) {
      throw new Error(`ENOENT: no such file or directory, open '${options.path}'`);
    }
    const inner = await MockBinding.open(options);
    const port = new UnpluggablePort(
      inner,
      (data) => this.#devices.get(options.path)?.(data),
      (data) => this.#failWhen.get(options.path)?.(data) ?? false,
    );
    this.#ports.set(options.path, port);
    return port;
  }

  /** Makes writes on `path` that satisfy `when` fail the way a write to a vanished device does. */
  failWrites(path: string, when: (data: Buffer) => boolean): void {
    this.#failWhen.set(path, when);
  }

  /** The mock port last opened on `path` (read `recording`, call `emitData`). */
  port(path: string): MockPortBinding {
    const port = this.#ports.get(path);
    if (!port) throw new Error(`no port was opened on ${path}`);
    return port.inner;
  }

  isOpen(path: string): boolean {
    return this.#ports.get(path)?.isOpen ?? false;
  }

  unplug(path: string): void {
    this.#unplugged.add(path);
    this.#ports.get(path)?.unplug();
  }

  replug(path: string): void {
    this.#unplugged.delete(path);
  }
}

class UnpluggablePort implements BindingPortInterface {
  #unplug: (error: Error) => void = () => undefined;
  readonly #unplugged: Promise<never>;

  constructor(
    readonly inner: MockPortBinding,
    private readonly onWrite: (data: Buffer) => void,
    private readonly shouldFail: (data: Buffer) => boolean,
  ) {
    this.#unplugged = new Promise<never>((_, reject) => {
      this.#unplug = reject;
    });
    this.#unplugged.catch(() => undefined);
  }

  get openOptions(): Required<OpenOptions> {
    return this.inner.openOptions;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  unplug(): void {
    this.#unplug(new Error('device unplugged (EIO)'));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }> {
    return Promise.race([this.inner.read(buffer, offset, length), this.#unplugged]);
  }

  async write(buffer: Buffer): Promise<void> {
    if (this.shouldFail(buffer)) throw new Error('EIO: i/o error, write');
    await Promise.race([this.inner.write(buffer), this.#unplugged]);
    const copy = Buffer.from(buffer);
    process.nextTick(() => {
      if (this.inner.isOpen) this.onWrite(copy);
    });
  }

  update(options: UpdateOptions): Promise<void> {
    return this.inner.update(options);
  }

  set(options: SetOptions): Promise<void> {
    return this.inner.set(options);
  }

  get(): Promise<PortStatus> {
    return this.inner.get();
  }

  getBaudRate(): Promise<{ baudRate: number }> {
    return this.inner.getBaudRate();
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  drain(): Promise<void> {
    return this.inner.drain();
  }
}
