import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { readConfigOrExit } from '@casetrail/shared';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = readConfigOrExit(process.env);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log(`Casetrail worker ready (store: ${config.CASETRAIL_STORE})`);
}

void bootstrap();
