import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { readConfigOrExit } from '@casetrail/shared';
import { ApiModule } from './api.module';

async function bootstrap(): Promise<void> {
  const config = readConfigOrExit(process.env);
  const app = await NestFactory.create(ApiModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Casetrail API listening on http://localhost:${config.PORT} (store: ${config.CASETRAIL_STORE})`);
}

void bootstrap();
