import type { Response } from 'express';

const RESULTS: Record<string, { status: number; title: string; detail: string }> = {
  CONNECTED: { status: 200, title: 'Connected', detail: 'Proctor can now check this account. You can close this window.' },
  BAD_LINK: { status: 400, title: 'This link is not valid', detail: 'Start again from the dashboard with "Connect".' },
  LINK_USED_OR_EXPIRED: { status: 410, title: 'This link was already used or has expired', detail: 'Each link works once, for a short time. Start again from the dashboard.' },
  BAD_STATE: { status: 400, title: 'The sign-in could not be verified', detail: 'Nothing was changed. Start again from the dashboard.' },
  STATE_USED_OR_EXPIRED: { status: 410, title: 'This sign-in was already used or took too long', detail: 'Nothing was changed. Start again from the dashboard.' },
  CONSENT_DENIED: { status: 403, title: 'Permission was not granted', detail: 'Nothing was changed. To connect, start again and allow the requested permissions.' },
  PLATFORM_ERROR: { status: 502, title: 'The platform reported an error', detail: 'Nothing was changed. Try again in a few minutes.' },
  TOKEN_EXCHANGE_FAILED: { status: 502, title: 'The platform did not complete the sign-in', detail: 'Nothing was changed. Try again in a few minutes.' },
  ACCOUNT_NOT_MANAGED: { status: 409, title: 'That sign-in does not manage this account', detail: 'Nothing was changed. Sign in as an administrator of the registered account.' },
  ACCOUNT_GONE: { status: 409, title: 'This account can no longer be connected', detail: 'It was retired or removed from the registry.' },
  UNKNOWN_PLATFORM: { status: 404, title: 'Unknown platform', detail: 'Start again from the dashboard.' },
  PLATFORM_NOT_CONFIGURED: { status: 503, title: 'This platform is not configured', detail: 'Ask the district IT team to configure it in Proctor.' },
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The page the person's browser lands on at the end of the connect flow. The result code is in a header and
 * a meta tag too, so a dashboard opening the flow in a popup (or a test) can read it without parsing prose.
 */
export function sendConnectResult(response: Response, code: string, context: { platform?: string; handle?: string } = {}): void {
  const result = RESULTS[code] ?? RESULTS.PLATFORM_ERROR;
  const subject = context.platform ? `${context.platform}${context.handle ? ` account ${context.handle}` : ''}` : 'Account';
  response
    .status(result.status)
    .set({ 'cache-control': 'no-store', 'x-proctor-connect-result': code, 'referrer-policy': 'no-referrer' })
    .type('html')
    .send(
      `<!doctype html><html><head><meta charset="utf-8"><meta name="proctor-connect-result" content="${escapeHtml(code)}">` +
        `<title>Proctor: ${escapeHtml(result.title)}</title></head>` +
        `<body style="font-family:sans-serif;max-width:34rem;margin:3rem auto"><h1>${escapeHtml(result.title)}</h1>` +
        `<p>${escapeHtml(subject)}.</p><p>${escapeHtml(result.detail)}</p><p><small>Result: <code>${escapeHtml(code)}</code></small></p></body></html>`,
    );
}
