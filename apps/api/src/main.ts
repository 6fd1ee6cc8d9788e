import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { readConfigOrExit } from '@casetrail/shared';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = readConfigOrExit(process.env);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureApp(app);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`Casetrail API listening on http://localhost:${config.PORT} (store: ${config.CASETRAIL_STORE})`);
}

void bootstrap();
