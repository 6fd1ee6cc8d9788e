import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { JwtVerifier } from './jwt-verifier';
import type { Principal } from './principal';

const IS_PUBLIC = 'casetrail:auth:public';

/** The request as the guard leaves it. */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  principal?: Principal;
}

/** Marks a route (or a whole controller) as needing no token, e.g. health checks. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Installed globally (APP_GUARD), so a new route is protected unless someone marks it @Public:
 * forgetting the guard cannot open a route. Failures propagate as AuthenticationError.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.verifier.verify(request.headers.authorization);
    return true;
  }
}

/** The verified caller. Using it on a @Public route is a programming error, reported as one. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const { principal } = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!principal) throw new Error('@CurrentPrincipal() used on a route the AuthGuard did not check (is it @Public?)');
  return principal;
});
