/**
 * A load run through the gateway: `total` calls of every citizen RPC from `clients`
 * concurrent clients (each with its own address), over HTTP on loopback, as the islands send them.
 * It keeps a ledger of every acknowledged write (a 2xx answer received) so a verifier can check
 * afterwards that each one is in the database exactly once.
 *
 * The mix per 100 calls: 30 opinions, 25 hearing sign-ups (half to the hearing that is drawn in
 * the middle of the run; three in four with the contact's verified-contact token, confirmed at
 * once, the others pending until one of the 5 confirmations with the code from the message),
 * 10 sign-up checks and 5 withdrawals (of the client's own sign-ups),
 * 12 panel answers (every invitation token sent twice, by two clients, close together), 2 open
 * survey answers (quick ones with a few browser tokens per client, verified ones with a contact
 * token per client: repeats are refused, first answers never), 11 reads of live counts; and 22
 * more: 4 contact codes requested, 3 delivery checks and 3 verifications with the code from the
 * message, 5 bulletin subscriptions, 4 confirmations with the link's token and 3 unsubscriptions.
 * (An operation with nothing of its client's to work on does the step before it, or reads live counts.)
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
  /**
   * The code the portal sent to a contact (read from the outbox, as its owner reads the message).
   * Without it every sign-up uses its contact's token: confirmations become reads of live counts.
   */
  codeFor?: (contact: string) => Promise<string>;
  /** The confirmation link's token of the newest subscription mail to an address. */
  subscriptionTokenFor?: (email: string) => Promise<string>;
}

type Op = {
  kind: 'opinion' | 'signup' | 'confirm' | 'check' | 'withdraw' | 'panel' | 'open' | 'availability' | 'topicStats' | 'surveyStats'
    | 'requestCode' | 'messageStatus' | 'verifyContact' | 'subscribe' | 'confirmSubscription' | 'unsubscribe';
  n: number;
};

const MIX: [Op['kind'], number][] = [
  ['opinion', 30], ['signup', 25], ['confirm', 5], ['check', 10], ['withdraw', 5], ['panel', 12], ['open', 2],
  ['availability', 4], ['topicStats', 4], ['surveyStats', 3],
  ['requestCode', 4], ['messageStatus', 3], ['verifyContact', 3], ['subscribe', 5], ['confirmSubscription', 4], ['unsubscribe', 3],
];

/** What one client has under way: sign-ups waiting for a code, codes requested, subscriptions. */
interface ClientState {
  mine: SignupAck[];
  waiting: Omit<SignupAck, 'code' | 'publicId'>[];
  codeRequests: { contact: string; requestId: string }[];
  subscribing: string[];
  unsubscribeTokens: string[];
}

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
  const openAnswered = new Set<string>();
  /** Numbers addresses never used before (an operation may stand in for another with the same n). */
  let fresh = 0;
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

  /** After its deadline the drawn hearing refuses sign-ups and confirmations (409): expected, counted. */
  const refusedAfterClose = (hearingId: number, answer: Answer) => {
    if (hearingId === fx.hearingDrawn && Date.now() >= fx.signupsEnd - 1000 && answer.status === 409 && (answer.body as { code?: string }).code === 'PT409') {
      ledger.refusedAfterClose++;
      return true;
    }
    return false;
  };
  const acknowledge = (row: Record<string, unknown>, pending: Omit<SignupAck, 'code' | 'publicId'>, mine: SignupAck[]) => {
    const ack = { ...pending, code: String(row['confirmation_code']), publicId: String(row['public_id']) };
    ledger.signups.set(ack.publicId, ack);
    mine.push(ack);
  };

  async function run(client: number, op: Op, state: ClientState): Promise<void> {
    const { mine, waiting } = state;
    switch (op.kind) {
      case 'opinion': {
        const body = `压力测试意见 load-opinion-${op.n}：建议延长公交末班车时间。`;
        const row = ok('submit_hall_opinion', await call(client, 'submit_hall_opinion', {
          topic_id: fx.topicId, body, ...(op.n % 5 === 0 ? { contact_token: fx.contactTokens[op.n % fx.contactTokens.length]!, locale: 'en' } : {}) }));
        if (row) ledger.opinions.set(Number(row['id']), body);
        return;
      }
      case 'signup': {
        const toDrawn = op.n % 2 === 1;
        const hearingId = toDrawn ? fx.hearingDrawn : fx.hearingOpen;
        const category = op.n % 4 === 1 ? 'affected_resident' : 'citizen_representative';
        const contact = `load-${op.n}@example.invalid`;
        // One in four waits for its code (n % 8 of 6 or 7: one to each hearing), the rest bring a token.
        const token = op.n % 8 < 6 || !options.codeFor ? fx.signupTokens[op.n] : undefined;
        const answer = await call(client, 'sign_up_for_hearing', {
          hearing_id: hearingId, name: `市民${op.n}`, contact, category, locale: 'zh-CN', ...(token ? { contact_token: token } : {}),
        });
        if (!answer || refusedAfterClose(hearingId, answer)) return;
        const row = ok('sign_up_for_hearing', answer);
        if (!row) return;
        if (row['status'] === 'code_sent') waiting.push({ hearingId, contact, category });
        else acknowledge(row, { hearingId, contact, category }, mine);
        return;
      }
      case 'confirm': {
        const pending = waiting.shift();
        if (!pending || !options.codeFor) return run(client, { kind: 'availability', n: op.n }, state);
        const code = await options.codeFor(pending.contact);
        const answer = await call(client, 'confirm_hearing_signup', { hearing_id: pending.hearingId, contact: pending.contact, code });
        if (!answer || refusedAfterClose(pending.hearingId, answer)) return;
        const row = ok('confirm_hearing_signup', answer);
        if (row) acknowledge(row, pending, mine);
        return;
      }
      case 'check': {
        const own = mine[op.n % Math.max(mine.length, 1)];
        if (!own) return run(client, { kind: 'availability', n: op.n }, state);
        const row = ok('check_hearing_signup', await call(client, 'check_hearing_signup', { code: own.code }));
        if (row && row['public_id'] !== own.publicId) ledger.violations.push(`check_hearing_signup: ${own.publicId} answered as ${String(row['public_id'])}`);
        return;
      }
      case 'withdraw': {
        const index = mine.findIndex((s) => !ledger.withdrawn.has(s.publicId));
        if (index < 0) return run(client, { kind: 'topicStats', n: op.n }, state);
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
        // A client answers quick from a few browsers of its own, and verified with its own contact.
        const respondent = op.n % 4 === 0
          ? { contact_token: fx.contactTokens[client % fx.contactTokens.length]! }
          : { browser_token: `load-browser-${String(client).padStart(4, '0')}-${op.n % 3}-0123456789` };
        const key = JSON.stringify(respondent);
        const answer = await call(client, 'submit_survey_response', { survey_id: fx.openSurvey, answers, ...respondent });
        if (!answer) return;
        // One answer per browser token or contact: a repeat is refused, a first answer never is.
        if (answer.status === 409 && openAnswered.has(key)) return;
        const row = ok('submit_survey_response', answer);
        if (row) {
          ledger.openResponses.push(Number(row['response_id']));
          openAnswered.add(key);
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
      case 'requestCode': {
        const contact = `load-verify-${fresh++}@example.invalid`;
        const row = ok('request_contact_code', await call(client, 'request_contact_code', { contact, locale: op.n % 2 ? 'en' : 'zh-CN' }));
        if (row) state.codeRequests.push({ contact, requestId: String(row['request_id']) });
        return;
      }
      case 'messageStatus': {
        const request = state.codeRequests.at(-1);
        if (!request) return run(client, { kind: 'requestCode', n: op.n }, state);
        const row = ok('message_status', await call(client, 'message_status', { request_id: request.requestId }));
        if (row && row['status'] !== 'queued' && row['status'] !== 'sent') {
          ledger.violations.push(`message_status: ${request.requestId} is ${String(row['status'])}`);
        }
        return;
      }
      case 'verifyContact': {
        const request = state.codeRequests.shift();
        if (!request || !options.codeFor) return run(client, { kind: options.codeFor ? 'requestCode' : 'topicStats', n: op.n }, state);
        const code = await options.codeFor(request.contact);
        ok('verify_contact', await call(client, 'verify_contact', { contact: request.contact, code }));
        return;
      }
      case 'subscribe': {
        const email = `load-subscriber-${fresh++}@example.invalid`;
        const row = ok('subscribe', await call(client, 'subscribe', { email, topic_kind: 'bulletins', locale: 'zh-CN' }));
        if (row) state.subscribing.push(email);
        return;
      }
      case 'confirmSubscription': {
        const email = state.subscribing.shift();
        if (!email || !options.subscriptionTokenFor) return run(client, { kind: options.subscriptionTokenFor ? 'subscribe' : 'surveyStats', n: op.n }, state);
        const token = await options.subscriptionTokenFor(email);
        const row = ok('confirm_subscription', await call(client, 'confirm_subscription', { token }));
        if (row) state.unsubscribeTokens.push(String(row['unsubscribe_token']));
        return;
      }
      case 'unsubscribe': {
        const token = state.unsubscribeTokens.shift();
        if (!token) return run(client, { kind: 'confirmSubscription', n: op.n }, state);
        ok('unsubscribe', await call(client, 'unsubscribe', { token }));
        return;
      }
    }
  }

  async function worker(client: number): Promise<void> {
    const state: ClientState = { mine: [], waiting: [], codeRequests: [], subscribing: [], unsubscribeTokens: [] };
    while (next < ops.length && !options.stop?.(ledger)) {
      const op = ops[next++]!;
      await run(client, op, state);
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
