import { ArgumentsHost, Catch, Controller, ExceptionFilter, Get, INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Response } from 'express';
import request from 'supertest';
import { ConfigModule, loadConfig } from '@casetrail/shared';
import { AuthenticationError } from './auth.errors';
import { CurrentPrincipal, Public } from './auth.guard';
import { AuthModule } from './auth.module';
import type { Principal } from './principal';
import { mintToken } from './token-minter';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const config = loadConfig({ CASETRAIL_JWT_SECRET: SECRET });

@Controller('probe')
class ProbeController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal) {
    return principal;
  }

  @Public()
  @Get('open')
  open() {
    return { open: true };
  }
}

@Public()
@Controller('public-probe')
class PublicProbeController {
  @Get()
  open() {
    return { open: true };
  }
}

/** Stands in for the API's problem+json filter: only the status and code matter here. */
@Catch(AuthenticationError)
class AuthenticationErrorFilter implements ExceptionFilter {
  catch(error: AuthenticationError, host: ArgumentsHost) {
    host.switchToHttp().getResponse<Response>().status(error.status).set('WWW-Authenticate', error.wwwAuthenticate).json({ code: error.code });
  }
}

describe('AuthGuard (global) over HTTP', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), AuthModule],
      controllers: [ProbeController, PublicProbeController],
      providers: [{ provide: APP_FILTER, useClass: AuthenticationErrorFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it('puts the verified principal on the request for @CurrentPrincipal()', async () => {
    const alice: Principal = { userId: 'alice', role: 'caseworker', agency: 'tmbc', daAccess: true };
    const token = await mintToken(alice, { secret: SECRET, issuer: config.CASETRAIL_JWT_ISSUER, expiresIn: '5m' });
    const response = await request(app.getHttpServer()).get('/probe/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toEqual(alice);
  });

  it('protects a route nobody marked, answering 401 TOKEN_MISSING without a token', async () => {
    const response = await request(app.getHttpServer()).get('/probe/me').expect(401);
    expect(response.body).toEqual({ code: 'TOKEN_MISSING' });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="casetrail"');
  });

  it('answers 401 TOKEN_INVALID to a bad token', async () => {
    const response = await request(app.getHttpServer()).get('/probe/me').set('Authorization', 'Bearer x.y.z').expect(401);
    expect(response.body).toEqual({ code: 'TOKEN_INVALID' });
  });

  it('lets anyone reach a @Public() route or controller', async () => {
    await request(app.getHttpServer()).get('/probe/open').expect(200, { open: true });
    await request(app.getHttpServer()).get('/public-probe').expect(200, { open: true });
  });
});
