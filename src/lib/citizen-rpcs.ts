/**
 * The RPCs citizens call (DESIGN principle 7): the functions of schema public granted to `anon`,
 * each a security invoker wrapper of its body in rpc_impl. This is the one list: the error
 * catalogue, the islands' client and the tests (grants, lints, fuzzing, load) take it from here.
 * The database's grants stay the authority; tests/db/lints.test.ts fails when they differ.
 */
// In alphabetical order, as the catalog lists them (tests compare the two as they are).
export const CITIZEN_RPCS = [
  'check_hearing_signup',
  'confirm_hearing_signup',
  'confirm_subscription',
  'hall_topic_stats',
  'hearing_availability',
  'message_status',
  'request_contact_code',
  'sign_up_for_hearing',
  'submit_hall_opinion',
  'submit_survey_response',
  'subscribe',
  'survey_stats',
  'unsubscribe',
  'verify_contact',
  'withdraw_hearing_signup',
] as const;

export type CitizenRpc = (typeof CITIZEN_RPCS)[number];

/** The live figures: read-only, called with GET, under no rate limit. */
export const LIVE_FIGURES_RPCS = ['hall_topic_stats', 'hearing_availability', 'survey_stats'] as const satisfies readonly CitizenRpc[];
export type LiveFiguresRpc = (typeof LIVE_FIGURES_RPCS)[number];

const isLiveFigures = (rpc: CitizenRpc): rpc is LiveFiguresRpc => (LIVE_FIGURES_RPCS as readonly CitizenRpc[]).includes(rpc);

/** The forms' RPCs: they take what a citizen sends, each under a rate limit (private.rate_limits). */
export const FORM_RPCS: readonly Exclude<CitizenRpc, LiveFiguresRpc>[] = CITIZEN_RPCS.filter(
  (rpc): rpc is Exclude<CitizenRpc, LiveFiguresRpc> => !isLiveFigures(rpc),
);
