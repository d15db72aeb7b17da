/** A progress bar on stderr for long work; silent when stderr is not a terminal except for a final line. */

export interface Progress {
  tick(n?: number): void;
  done(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = stream.isTTY === true;
  const started = Date.now();
  let current = 0;
  let lastDraw = 0;
  const draw = (final: boolean) => {
    const share = total === 0 ? 1 : Math.min(1, current / total);
    const width = 28;
    const filled = Math.round(share * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current}/${total} ${seconds}s`;
    if (interactive) stream.write(`\r${line}${final ? '\n' : ''}`);
    else if (final) stream.write(`${line}\n`);
  };
  return {
    tick(n = 1) {
      current += n;
      const now = Date.now();
      if (now - lastDraw > 100) {
        lastDraw = now;
        draw(false);
      }
    },
    done() {
      current = Math.max(current, total);
      draw(true);
    },
  };
}

/** How long work reports itself: its total first, then its steps, then the end (the importer, the demo loader). */
export interface ProgressReport {
  start(total: number): void;
  tick(n: number): void;
  done(): void;
}

/** A ProgressReport that draws a bar labelled `label` when the total is at least `from`. */
export function progressReport(label: string, from = 0): ProgressReport {
  let bar: Progress | undefined;
  return {
    start: (total) => {
      if (total >= from) bar = progressBar(label, total);
    },
    tick: (n) => bar?.tick(n),
    done: () => bar?.done(),
  };
}
