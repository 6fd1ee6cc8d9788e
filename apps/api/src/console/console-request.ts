import type { Request } from 'express';
import type { Principal } from '../auth/principal';

/** What the console guard leaves on a request for the controllers and views. */
export interface ConsoleState {
  principal?: Principal;
  csrfToken: string;
  cspNonce: string;
}

export type ConsoleRequest = Request & { console?: ConsoleState; id?: unknown };

export function consoleState(req: Request): ConsoleState {
  const state = (req as ConsoleRequest).console;
  if (!state) throw new Error('console route without ConsoleGuard');
  return state;
}

/** The signed-in user; only called on routes the guard lets through signed in. */
export function signedIn(req: Request): Principal {
  const principal = consoleState(req).principal;
  if (!principal) throw new SignInRequired();
  return principal;
}

/** No session (or an expired one): the filter sends the browser to the sign-in page. */
export class SignInRequired extends Error {
  constructor() {
    super('Sign in to use the console');
    this.name = 'SignInRequired';
  }
}

/** A form post without a valid CSRF token: refused, nothing is done. */
export class CsrfRejected extends Error {
  constructor() {
    super('The form could not be checked');
    this.name = 'CsrfRejected';
  }
}
