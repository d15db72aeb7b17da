/**
 * Invitation links carry the token in the URL fragment (`/surveys/SLUG/#token=…`): browsers never
 * send the fragment to a server, so no access log or proxy sees it. As soon as the page runs, the
 * token is moved to sessionStorage (this tab only) and removed from the address bar and the history
 * entry, so it is neither bookmarked nor shared nor shown over a shoulder; the survey form takes it
 * from there when it hydrates.
 */
const KEY = 'gongshi.invitationToken';
const FRAGMENT = /(?:^#|&)token=([^&]*)/;

/** Moves a `#token=…` fragment into this tab's storage and clears it from the address bar. */
export function stashInvitationToken(): void {
  const match = FRAGMENT.exec(location.hash);
  if (!match) return;
  let token = '';
  try {
    token = decodeURIComponent(match[1] ?? '');
  } catch {
    token = match[1] ?? '';
  }
  try {
    sessionStorage.setItem(KEY, token);
  } catch {
    // Storage unavailable: the fragment stays for the form to read.
    return;
  }
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** The invitation token the link carried (once), from storage or still from the fragment. */
export function takeInvitationToken(): string | undefined {
  stashInvitationToken();
  try {
    const token = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (token) return token;
  } catch {
    // Fall back to the fragment itself.
  }
  const match = FRAGMENT.exec(location.hash);
  if (!match) return undefined;
  history.replaceState(history.state, '', location.pathname + location.search);
  return decodeURIComponent(match[1] ?? '');
}
