/**
 * Where the CLI writes. Output that cannot keep up (a slow pipe) is coalesced, never queued without
 * bound: each line or table is the whole current state, so skipping a stale one loses nothing.
 */
import type { Writable } from 'node:stream';

export interface Output {
  stream: Writable;
  /** A terminal: tables redraw in place. */
  isTTY: boolean;
  columns: number;
  rows: number;
}

/** Writes and resolves once the text has been handed to the OS (so exiting afterwards loses nothing). */
export function writeAll(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    stream.write(text, () => resolve());
  });
}

/** True when the stream's buffer is full: skip this update and draw the next one after 'drain'. */
export function isBackedUp(stream: Writable): boolean {
  return stream.writableNeedDrain;
}

const ESC = '\x1b[';

/** Redraws a block of lines in place on a terminal, flicker-free (no full clear between frames). */
export class TerminalScreen {
  private started = false;

  constructor(private readonly output: Output) {}

  draw(lines: readonly string[]): void {
    const { columns, rows } = this.output;
    const visible = lines.slice(0, Math.max(1, rows - 1)).map((line) => clip(line, columns));
    const prefix = this.started ? `${ESC}H` : `${ESC}?25l${ESC}2J${ESC}H`;
    this.started = true;
    this.output.stream.write(`${prefix}${visible.map((line) => `${line}${ESC}K`).join('\n')}\n${ESC}J`);
  }

  /** Redraws `lines()` on every change of `source` until the returned function is called. */
  drawing(lines: () => readonly string[], source: { subscribe(listener: () => void): () => void }): () => void {
    this.draw(lines());
    return source.subscribe(() => this.draw(lines()));
  }

  /** Shows the cursor again; the last table stays on screen. */
  close(): Promise<void> {
    return this.started ? writeAll(this.output.stream, `${ESC}?25h`) : Promise.resolve();
  }
}

function clip(line: string, columns: number): string {
  return columns > 1 && line.length > columns ? `${line.slice(0, columns - 1)}…` : line;
}
