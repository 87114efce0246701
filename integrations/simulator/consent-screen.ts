import type { Request, RequestHandler, Response } from 'express';
import type { SimulatorControl } from './simulator-control';
import type { SimulatorTokens } from './simulator-tokens';

export interface ConsentScreenOptions {
  platformName: string;
  control: SimulatorControl;
  tokens: SimulatorTokens;
  clientId: string;
  /** People who can sign in on this consent screen. */
  users: () => Array<{ id: string; name: string }>;
  /** X requires PKCE; Google accepts it; Meta and LinkedIn web flows ignore it. */
  pkce: 'REQUIRED' | 'OPTIONAL' | 'IGNORED';
  /** Scope list separator(s) the platform accepts. */
  scopeSeparator: RegExp;
  /** Query parameters the platform adds when the person cancels (Meta adds error_reason=user_denied). */
  denyParams?: Record<string, string>;
  /** Appended to the redirect (Instagram appends '#_'). */
  redirectSuffix?: string;
  /** How the platform answers a malformed authorize request (it shows an error page, it does not redirect). */
  rejectRequest?: (response: Response, reason: string) => void;
}

function field(request: Request, name: string): string | undefined {
  const value = request.method === 'POST' ? (request.body as Record<string, unknown>)?.[name] : request.query[name];
  return typeof value === 'string' ? value : undefined;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The platform's authorize endpoint: validates the request like the platform does, then shows a consent
 * screen (sandbox) or answers at once as the control says (tests), redirecting with `code` and `state` or
 * with `error=access_denied`.
 */
export function consentScreen(options: ConsentScreenOptions): RequestHandler {
  const reject =
    options.rejectRequest ??
    ((response: Response, reason: string) => {
      response.status(400).type('text/plain').send(`Invalid request: ${reason}`);
    });
  return (request, response) => {
    const clientId = field(request, 'client_id');
    const redirectUri = field(request, 'redirect_uri');
    const state = field(request, 'state');
    const responseType = field(request, 'response_type') ?? 'code';
    const scope = field(request, 'scope') ?? '';
    const codeChallenge = field(request, 'code_challenge') ?? null;
    const codeChallengeMethod = field(request, 'code_challenge_method') ?? (codeChallenge ? 'plain' : null);
    if (clientId !== options.clientId) return reject(response, 'unknown client_id');
    if (!redirectUri) return reject(response, 'redirect_uri is required');
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return reject(response, 'redirect_uri is not a URL');
    }
    if (responseType !== 'code') return reject(response, 'response_type must be code');
    if (options.pkce === 'REQUIRED' && !codeChallenge) return reject(response, 'code_challenge is required');
    if (codeChallengeMethod && !['S256', 'plain'].includes(codeChallengeMethod)) {
      return reject(response, 'unsupported code_challenge_method');
    }
    const plan = options.control.consent;
    let decision: 'APPROVE' | 'DENY' | 'SHOW_PAGE' = plan.decision;
    let userId = plan.decision === 'APPROVE' ? plan.userId : undefined;
    if (request.method === 'POST') {
      decision = field(request, 'decision') === 'allow' ? 'APPROVE' : 'DENY';
      userId = field(request, 'user_id');
    }
    if (decision === 'SHOW_PAGE') {
      const hidden = ['client_id', 'redirect_uri', 'state', 'response_type', 'scope', 'code_challenge', 'code_challenge_method']
        .map((name) => [name, field(request, name)] as const)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value ?? '')}">`)
        .join('');
      const people = options
        .users()
        .map((user) => `<option value="${escapeHtml(user.id)}">${escapeHtml(user.name)}</option>`)
        .join('');
      response
        .status(200)
        .type('html')
        .send(
          `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(options.platformName)} (simulator)</title></head>` +
            `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">` +
            `<h1>${escapeHtml(options.platformName)}</h1><p>Proctor (simulated app) asks for: <code>${escapeHtml(scope)}</code></p>` +
            `<form method="post">${hidden}<label>Continue as <select name="user_id">${people}</select></label>` +
            `<p><button name="decision" value="allow">Allow</button> <button name="decision" value="deny">Cancel</button></p></form>` +
            `<p><small>This is Proctor's built-in ${escapeHtml(options.platformName)} simulator.</small></p></body></html>`,
        );
      return;
    }
    if (decision === 'DENY') {
      const params = new URLSearchParams({ error: 'access_denied', ...options.denyParams });
      if (state !== undefined) params.set('state', state);
      redirect.search = params.toString();
      response.redirect(302, redirect.toString());
      return;
    }
    const users = options.users();
    const user = users.find((candidate) => candidate.id === userId);
    if (!user) return reject(response, 'unknown user');
    const code = options.tokens.issueCode({
      clientId,
      redirectUri,
      userId: user.id,
      scopes: scope.split(options.scopeSeparator).filter(Boolean),
      codeChallenge: options.pkce === 'IGNORED' ? null : codeChallenge,
      codeChallengeMethod: options.pkce === 'IGNORED' ? null : codeChallengeMethod,
    });
    redirect.searchParams.set('code', code);
    if (state !== undefined) redirect.searchParams.set('state', state);
    response.redirect(302, redirect.toString() + (options.redirectSuffix ?? ''));
  };
}
