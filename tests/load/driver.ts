/**
 * A load run through the gateway: `total` calls of all eight citizen RPCs from `clients`
 * concurrent clients (each with its own address), over HTTP on loopback, as the islands send them.
 * It keeps a ledger of every acknowledged write (a 2xx answer received) so a verifier can check
 * afterwards that each one is in the database exactly once.
 *
 * The mix per 100 calls: 35 opinions, 25 hearing sign-ups (half to the hearing that is drawn in
 * the middle of the run), 10 sign-up checks and 5 withdrawals (of the client's own sign-ups),
 * 12 panel answers (every invitation token sent twice, by two clients, close together), 2 open
 * survey answers, 11 reads of live counts.
 */
import type { CitizenRpc } from '../../src/lib/citizen-rpcs.ts';
import { Rng } from '../../src/lib/demo/rng.ts';
import type { LoadFixture } from './fixture.ts';

export type LoadRpc = CitizenRpc;

export interface SignupAck {
  hearingId: number;
  contact: string;
  code: string;
  publicId: string;
  category: string;
}

export interface Ledger {
  /** Acknowledged opinions: id → the body sent. */
  opinions: Map<number, string>;
  /** Acknowledged sign-ups by public id. */
  signups: Map<string, SignupAck>;
  /** Public ids whose withdrawal was acknowledged. */
  withdrawn: Set<string>;
  /** Acknowledged panel answers: token → response id. */
  panelResponses: Map<string, number>;
  /** Acknowledged open-survey answers: response ids. */
  openResponses: number[];
  /** Answers by RPC and HTTP status (0: no answer, the connection failed). */
  statuses: Record<string, Record<number, number>>;
  /** Answers that break the contract (a 5xx, an unexpected status, a wrong body): described. */
  violations: string[];
  /** Sign-ups refused because the drawn hearing's sign-ups had ended (expected after its deadline). */
  refusedAfterClose: number;
  latenciesMs: number[];
  sent: number;
  seconds: number;
}

export interface LoadOptions {
  base: string;
  anonKey: string;
  fixture: LoadFixture;
  total: number;
  clients: number;
  /** Run once when half of the calls have been answered (the run goes on meanwhile). */
  halfway?: () => Promise<void>;
  /** Checked before every call: true ends the run (what is in flight still completes). */
  stop?: (ledger: Ledger) => boolean;
  /** Calls that fail to connect are recorded as status 0 instead of a violation (a crash run). */
  expectConnectionLoss?: boolean;
}

type Op = { kind: 'opinion' | 'signup' | 'check' | 'withdraw' | 'panel' | 'open' | 'availability' | 'topicStats' | 'surveyStats'; n: number };

const MIX: [Op['kind'], number][] = [
  ['opinion', 35], ['signup', 25], ['check', 10], ['withdraw', 5], ['panel', 12], ['open', 2],
  ['availability', 4], ['topicStats', 4], ['surveyStats', 3],
];

/**
 * The calls of a run: MIX repeated, shuffled with a fixed seed. (A fixed interleaving would alias
 * with the clients taking calls in turn: a client could get only withdrawals and no sign-ups.)
 */
function schedule(total: number): Op[] {
  const slots = MIX.flatMap(([kind, weight]) => Array.from({ length: weight }, () => kind));
  const kinds = new Rng(20261130).shuffle(Array.from({ length: total }, (_, i) => slots[i % slots.length]!));
  const counters = new Map<Op['kind'], number>();
  return kinds.map((kind) => {
    const n = counters.get(kind) ?? 0;
    counters.set(kind, n + 1);
    return { kind, n };
  });
}

interface Answer {
  status: number;
  body: unknown;
}

function isPostgrestError(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body).sort().join(',');
  return keys === 'code,details,hint,message' && typeof (body as { message: unknown }).message === 'string';
}

export async function runLoad(options: LoadOptions): Promise<Ledger> {
  const { fixture: fx } = options;
  const ledger: Ledger = {
    opinions: new Map(), signups: new Map(), withdrawn: new Set(), panelResponses: new Map(), openResponses: [],
    statuses: {}, violations: [], refusedAfterClose: 0, latenciesMs: [], sent: 0, seconds: 0,
  };
  const ops = schedule(options.total);
  let next = 0;
  let answered = 0;
  let halfway: Promise<void> | undefined;
  const openAnswered = new Set<number>();
  const started = performance.now();

  const tally = (rpc: LoadRpc, status: number) => {
    const byStatus = (ledger.statuses[rpc] ??= {});
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  };
  const violation = (rpc: LoadRpc, what: string, answer: Answer) =>
    ledger.violations.push(`${rpc}: ${what} (HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)})`);

  async function call(client: number, rpc: LoadRpc, args: Record<string, unknown>): Promise<Answer | undefined> {
    ledger.sent++;
    const t0 = performance.now();
    let answer: Answer;
    try {
      const response = await fetch(`${options.base}/rest/v1/rpc/${rpc}`, {
        method: 'POST',
        headers: {
          apikey: options.anonKey,
          authorization: `Bearer ${options.anonKey}`,
          'content-type': 'application/json',
          'x-real-ip': `10.77.${client >> 8}.${client & 255}`,
        },
        body: JSON.stringify(args),
      });
      const text = await response.text();
      answer = { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    } catch (error) {
      tally(rpc, 0);
      if (!options.expectConnectionLoss) ledger.violations.push(`${rpc}: no answer (${String(error)})`);
      return undefined;
    }
    ledger.latenciesMs.push(performance.now() - t0);
    tally(rpc, answer.status);
    if (answer.status >= 500) violation(rpc, 'server error', answer);
    else if (answer.status >= 400 && !isPostgrestError(answer.body)) violation(rpc, 'error body is not PostgREST-shaped', answer);
    return answer;
  }

  /** Expects 200 with an object answer; anything else is a violation. */
  function ok(rpc: LoadRpc, answer: Answer | undefined): Record<string, unknown> | undefined {
    if (!answer) return undefined;
    if (answer.status === 200 && typeof answer.body === 'object' && answer.body !== null) return answer.body as Record<string, unknown>;
    if (answer.status < 500) violation(rpc, 'expected 200', answer);
    return undefined;
  }

  async function run(client: number, op: Op, mine: SignupAck[]): Promise<void> {
    switch (op.kind) {
      case 'opinion': {
        const body = `压力测试意见 load-opinion-${op.n}：建议延长公交末班车时间。`;
        const row = ok('submit_hall_opinion', await call(client, 'submit_hall_opinion', { topic_id: fx.topicId, body }));
        if (row) ledger.opinions.set(Number(row['id']), body);
        return;
      }
      case 'signup': {
        const toDrawn = op.n % 2 === 1;
        const hearingId = toDrawn ? fx.hearingDrawn : fx.hearingOpen;
        const category = op.n % 4 === 1 ? 'affected_resident' : 'citizen_representative';
        const contact = `load-${op.n}@example.invalid`;
        const answer = await call(client, 'sign_up_for_hearing', { hearing_id: hearingId, name: `市民${op.n}`, contact, category });
        if (!answer) return;
        // Once its published deadline has passed, the drawn hearing refuses sign-ups.
        if (toDrawn && Date.now() >= fx.signupsEnd - 1000 && answer.status === 409 && (answer.body as { code?: string }).code === 'PT409') {
          ledger.refusedAfterClose++;
          return;
        }
        const row = ok('sign_up_for_hearing', answer);
        if (!row) return;
        const ack = { hearingId, contact, category, code: String(row['confirmation_code']), publicId: String(row['public_id']) };
        ledger.signups.set(ack.publicId, ack);
        mine.push(ack);
        return;
      }
      case 'check': {
        const own = mine[op.n % Math.max(mine.length, 1)];
        if (!own) return run(client, { kind: 'availability', n: op.n }, mine);
        const row = ok('check_hearing_signup', await call(client, 'check_hearing_signup', { code: own.code }));
        if (row && row['public_id'] !== own.publicId) ledger.violations.push(`check_hearing_signup: ${own.publicId} answered as ${String(row['public_id'])}`);
        return;
      }
      case 'withdraw': {
        const index = mine.findIndex((s) => !ledger.withdrawn.has(s.publicId));
        if (index < 0) return run(client, { kind: 'topicStats', n: op.n }, mine);
        const [own] = mine.splice(index, 1);
        const row = ok('withdraw_hearing_signup', await call(client, 'withdraw_hearing_signup', { code: own!.code }));
        if (row) ledger.withdrawn.add(own!.publicId);
        return;
      }
      case 'panel': {
        const token = fx.tokens[Math.floor(op.n / 2) % fx.tokens.length]!;
        const answers = [{ question_id: fx.panelQuestion, value: 1 + (op.n % 5) }];
        const answer = await call(client, 'submit_survey_response', { survey_id: fx.panelSurvey, token, answers });
        if (!answer) return;
        if (answer.status === 410) return; // the other client of the pair used the token first
        const row = ok('submit_survey_response', answer);
        if (!row) return;
        if (ledger.panelResponses.has(token)) ledger.violations.push(`submit_survey_response: token ${token} accepted twice`);
        ledger.panelResponses.set(token, Number(row['response_id']));
        return;
      }
      case 'open': {
        const answers = [{ question_id: fx.openQuestion, value: 1 + (op.n % 5) }];
        const answer = await call(client, 'submit_survey_response', { survey_id: fx.openSurvey, answers });
        if (!answer) return;
        // One open answer per client address: a client's later ones are refused, its first is not.
        if (answer.status === 409 && openAnswered.has(client)) return;
        const row = ok('submit_survey_response', answer);
        if (row) {
          ledger.openResponses.push(Number(row['response_id']));
          openAnswered.add(client);
        }
        return;
      }
      case 'availability':
        ok('hearing_availability', await call(client, 'hearing_availability', { hearing_id: op.n % 2 ? fx.hearingDrawn : fx.hearingOpen }));
        return;
      case 'topicStats':
        ok('hall_topic_stats', await call(client, 'hall_topic_stats', { topic_id: fx.topicId }));
        return;
      case 'surveyStats':
        ok('survey_stats', await call(client, 'survey_stats', { survey_id: op.n % 2 ? fx.openSurvey : fx.panelSurvey }));
        return;
    }
  }

  async function worker(client: number): Promise<void> {
    const mine: SignupAck[] = [];
    while (next < ops.length && !options.stop?.(ledger)) {
      const op = ops[next++]!;
      await run(client, op, mine);
      answered++;
      if (!halfway && options.halfway && answered >= ops.length / 2) {
        halfway = options.halfway();
      }
    }
  }

  await Promise.all(Array.from({ length: options.clients }, (_, i) => worker(i + 1)));
  await halfway;
  ledger.seconds = (performance.now() - started) / 1000;
  return ledger;
}

/** Writes the server acknowledged (a 2xx answer received), of every kind. */
export const acknowledgedWrites = (ledger: Ledger): number =>
  ledger.opinions.size + ledger.signups.size + ledger.withdrawn.size + ledger.panelResponses.size + ledger.openResponses.length;

/** One line for the log: calls, concurrency, throughput and latency percentiles. */
export function summarise(ledger: Ledger, clients: number): string {
  const sorted = [...ledger.latenciesMs].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1) ?? '-';
  return (
    `${ledger.sent} calls from ${clients} concurrent clients in ${ledger.seconds.toFixed(1)} s: ` +
    `${(ledger.sent / ledger.seconds).toFixed(0)} calls/s, ${acknowledgedWrites(ledger)} acknowledged writes, ` +
    `latency p50 ${pct(50)} ms, p99 ${pct(99)} ms; by RPC and status ${JSON.stringify(ledger.statuses)}`
  );
}
