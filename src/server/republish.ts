/**
 * `npm start` republishes by itself: staff commands announce each committed change on
 * SITE_CHANGED_CHANNEL (lib/db/open.ts), and the portal rebuilds the site into a fresh folder and
 * switches to it (lib/site/publish.ts). Bursts coalesce: one build at a time, and any number of
 * changes announced during a build cause exactly one more.
 */
import { SITE_CHANGED_CHANNEL } from '../lib/db/open.ts';
import type { Db } from '../lib/db/types.ts';
import { buildSite } from '../lib/site/build-site.ts';
import { publishSite } from '../lib/site/publish.ts';

export interface RepublisherOptions {
  /** Waits this long after a change before building, so that a command's several commits make one build. */
  settleMs?: number;
  log?: (line: string) => void;
}

/** Runs `publish` when asked: never two at once, and once more if asked while it ran. */
export class Republisher {
  readonly #publish: () => Promise<void>;
  readonly #settleMs: number;
  readonly #log: (line: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  /** Completed publishes (for tests and the benchmark). */
  count = 0;

  constructor(publish: () => Promise<void>, options: RepublisherOptions = {}) {
    this.#publish = publish;
    this.#settleMs = options.settleMs ?? 250;
    this.#log = options.log ?? ((line) => console.log(line));
  }

  request(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.#run();
    }, this.#settleMs);
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#publish();
        this.count++;
      } catch (error) {
        this.#log(`Republishing failed; the site keeps its previous build: ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.#again && !this.#stopped);
    this.#running = undefined;
  }

  /** Resolves once no publish is running or due. */
  async settled(): Promise<void> {
    while (this.#running || this.#timer) {
      await (this.#running ?? new Promise((resolve) => setTimeout(resolve, this.#settleMs)));
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * Listens for announced changes and republishes `site` for each burst. Returns the republisher
 * (stop() it on shutdown); without a database that can listen, undefined.
 */
export async function republishOnChange(db: Db, site: string, log: (line: string) => void = console.log): Promise<Republisher | undefined> {
  if (!db.listen) return undefined;
  const republisher = new Republisher(async () => {
    const started = Date.now();
    // The build's steps are child processes; the database reaches them as it reaches staff
    // commands (this process's staff socket on PGlite, or DATABASE_URL).
    const { pages, reused } = await publishSite(site, (folder) => buildSite(folder, { site, log: (line) => log(`  [build] ${line}`) }), undefined, log);
    log(`Republished the site after a staff change in ${((Date.now() - started) / 1000).toFixed(1)}s (${pages - reused} of ${pages} pages rebuilt).`);
  }, { log });
  await db.listen(SITE_CHANGED_CHANNEL, () => {
    log('A staff command changed the data: republishing the site…');
    republisher.request();
  });
  return republisher;
}
