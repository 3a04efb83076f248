// A file written in order, piece by piece, in bounded memory: text is gathered up to a
// chunk and then written synchronously, so a writer fed by the simulation (which runs
// without yielding) never holds more than one chunk.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

const CHUNK = 1 << 16; // characters gathered before a write

export class FileSink {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  /** Append the whole of another (closed) file, chunk by chunk. */
  append(path: string): void {
    this.flush();
    const from = openSync(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (let n = readSync(from, buffer); n > 0; n = readSync(from, buffer)) writeSync(this.fd, buffer, 0, n);
    } finally {
      closeSync(from);
    }
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.size === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
