import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { JwtVerifier } from './jwt-verifier';

/**
 * Protects every route of the application that imports it. Needs CASETRAIL_CONFIG, which the
 * global ConfigModule provides.
 */
@Module({
  providers: [JwtVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtVerifier],
})
export class AuthModule {}
