import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module';
import { ConsoleErrorFilter } from './console-error.filter';
import { ConsoleGuard } from './console.guard';
import { ConsoleServices } from './console-services';
import { ConsoleViews } from './console-views';
import { CaseListController } from './pages/case-list.controller';
import { CasePageController } from './pages/case-page.controller';
import { DashController } from './pages/dash.controller';
import { NewCaseController } from './pages/new-case.controller';
import { QueueController } from './pages/queue.controller';
import { ManagerController } from './pages/manager.controller';
import { DashboardFigures } from './pages/dashboard-figures';
import { AuditController } from './pages/audit.controller';
import { AccessLogController } from './pages/access-log.controller';
import { SignInController } from './pages/sign-in.controller';
import { ConsoleCsrf } from './session/console-csrf';
import { ConsoleSessions } from './session/console-sessions';
import { OidcSignIn } from './auth-oidc/oidc-sign-in';

/**
 * The web console (issue 8): server-rendered GOV.UK Frontend pages at `/`, working without
 * JavaScript. Pages call the same command and query buses as the API (docs/adr: web console).
 */
@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [SignInController, CaseListController, NewCaseController, DashController, CasePageController, QueueController, ManagerController, AuditController, AccessLogController],
  providers: [ConsoleSessions, ConsoleCsrf, ConsoleGuard, ConsoleViews, ConsoleErrorFilter, ConsoleServices, DashboardFigures, OidcSignIn],
})
export class ConsoleModule {}
