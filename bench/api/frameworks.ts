/**
 * Is the HTTP framework what limits the API? The same minimal NestJS module served by Express
 * (what the API runs on) and by Fastify, in turn, in this process, with autocannon in a child
 * process at bench:api's 50 connections: a GET returning a small JSON body (bench:api's trivial
 * endpoint does the same through the whole API) and a POST of a LogIncident command's body, parsed
 * and answered. Server CPU per request is measured beside req/s: it is steadier on a shared machine.
 *
 *   npm run bench:api:frameworks        BENCH_SECONDS=8 ROUNDS=2 (defaults)
 *
 * With bench/results/api-latest.json present (bench:api), it also prints what Fastify could save
 * per command at most: the framework's own CPU per request, Express minus Fastify, against the
 * API's CPU per command.
 */
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { logIncident } from '../../tests/e2e/api-fixtures';
import { machineInfo } from '../store/machine';
import type { LoadResult, LoadSpec } from './load.child';
import { runLoad } from './run-load';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP_SECONDS = 2;
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const log = (msg: string) => console.log(`[bench:api:frameworks] ${msg}`);
const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

@Controller()
class PlainController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: { type?: unknown; data?: Record<string, unknown> }) {
    return { type: body.type, fields: Object.keys(body.data ?? {}).length };
  }
}

@Module({ controllers: [PlainController] })
class PlainModule {}

type Framework = 'express' | 'fastify';
type Endpoint = 'GET /live' | 'POST /echo';

async function start(framework: Framework): Promise<INestApplication> {
  const app =
    framework === 'express'
      ? await NestFactory.create(PlainModule, { logger: false })
      : await NestFactory.create<NestFastifyApplication>(PlainModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  return app;
}


interface Measured {
  framework: Framework;
  endpoint: Endpoint;
  round: number;
  requestsPerSecond: number;
  latencyMs: LoadResult['latencyMs'];
  non2xx: number;
  /** CPU of this (the server's) process per request while the load ran. */
  cpuUsPerRequest: number;
}

async function measure(framework: Framework, endpoint: Endpoint, round: number): Promise<Measured> {
  const app = await start(framework);
  try {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const request = endpoint === 'GET /live' ? { method: 'GET' as const, path: '/live' } : { method: 'POST' as const, path: '/echo', body: JSON.stringify(logIncident('bench-frameworks')) };
    const spec: LoadSpec = { name: 'plain', url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, seconds: WARMUP_SECONDS, runTag: 'w', request };
    await runLoad(spec);
    const before = process.cpuUsage();
    const result = await runLoad({ ...spec, seconds: SECONDS, runTag: 'm' });
    const cpu = process.cpuUsage(before);
    const measured = {
      framework,
      endpoint,
      round,
      requestsPerSecond: r1(result.requestsPerSecond),
      latencyMs: result.latencyMs,
      non2xx: result.non2xx,
      cpuUsPerRequest: r1((cpu.user + cpu.system) / result.requests),
    };
    log(`${framework} ${endpoint} round ${round}: ${measured.requestsPerSecond} req/s, p99 ${result.latencyMs.p99} ms, ${measured.cpuUsPerRequest} µs CPU per request`);
    return measured;
  } finally {
    await app.close();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** bench:api's latest CPU per command and per trivial request, where that run recorded them. */
function apiLatest(dir: string): { at: string; commandCpuMs: number; baselineCpuMs: number; ratio: number } | undefined {
  const file = join(dir, 'api-latest.json');
  if (!existsSync(file)) return undefined;
  const api = JSON.parse(readFileSync(file, 'utf8')) as { at: string; ratio: number; baseline: { cpuMsPerRequest?: number }; commands: { cpuMsPerRequest?: number } };
  if (api.commands.cpuMsPerRequest === undefined || api.baseline.cpuMsPerRequest === undefined) return undefined;
  return { at: api.at, commandCpuMs: api.commands.cpuMsPerRequest, baselineCpuMs: api.baseline.cpuMsPerRequest, ratio: api.ratio };
}

async function main() {
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; ${ROUNDS} rounds of ${SECONDS}s per framework and endpoint, in alternation`);
  const runs: Measured[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Alternate which framework goes first, so drift on the machine does not favour one.
    const order: Framework[] = round % 2 === 1 ? ['express', 'fastify'] : ['fastify', 'express'];
    for (const endpoint of ['GET /live', 'POST /echo'] as const) for (const framework of order) runs.push(await measure(framework, endpoint, round));
  }
  const summary = (['GET /live', 'POST /echo'] as const).map((endpoint) => {
    const of = (framework: Framework) => runs.filter((r) => r.framework === framework && r.endpoint === endpoint);
    const express = { requestsPerSecond: r1(mean(of('express').map((r) => r.requestsPerSecond))), cpuUsPerRequest: r1(mean(of('express').map((r) => r.cpuUsPerRequest))) };
    const fastify = { requestsPerSecond: r1(mean(of('fastify').map((r) => r.requestsPerSecond))), cpuUsPerRequest: r1(mean(of('fastify').map((r) => r.cpuUsPerRequest))) };
    return { endpoint, express, fastify, fastifyOverExpress: r2(fastify.requestsPerSecond / express.requestsPerSecond), cpuSavedUsPerRequest: r1(express.cpuUsPerRequest - fastify.cpuUsPerRequest) };
  });

  console.log('');
  console.log('| endpoint   | express req/s | fastify req/s | fastify ÷ express | express µs CPU/req | fastify µs CPU/req | saved µs/req |');
  console.log('|------------|---------------|---------------|-------------------|--------------------|--------------------|--------------|');
  for (const s of summary) {
    console.log(`| ${s.endpoint.padEnd(10)} | ${String(s.express.requestsPerSecond).padStart(13)} | ${String(s.fastify.requestsPerSecond).padStart(13)} | ${String(s.fastifyOverExpress + 'x').padStart(17)} | ${String(s.express.cpuUsPerRequest).padStart(18)} | ${String(s.fastify.cpuUsPerRequest).padStart(18)} | ${String(s.cpuSavedUsPerRequest).padStart(12)} |`);
  }

  const dir = join(__dirname, '..', 'results');
  const api = apiLatest(dir);
  const saved = summary.find((s) => s.endpoint === 'POST /echo')!.cpuSavedUsPerRequest;
  const savedOnGet = summary.find((s) => s.endpoint === 'GET /live')!.cpuSavedUsPerRequest;
  const whatIf = api && {
    apiRunAt: api.at,
    commandCpuMs: api.commandCpuMs,
    baselineCpuMs: api.baselineCpuMs,
    /** The share of a command's CPU Fastify would save at most (the framework's own work, as measured here). */
    commandCpuSavedShare: r2(saved / 1000 / api.commandCpuMs),
    /** commands/s over the trivial endpoint's if both shed the framework's saving and CPU set the rate. */
    ratioIfFastify: r2((api.baselineCpuMs - savedOnGet / 1000) / (api.commandCpuMs - saved / 1000)),
    ratioOnExpress: api.ratio,
  };
  console.log('');
  if (whatIf) {
    console.log(`bench:api (${whatIf.apiRunAt}): ${whatIf.commandCpuMs} ms CPU per command, ${whatIf.baselineCpuMs} ms per trivial request; ratio on Express ${whatIf.ratioOnExpress}x`);
    console.log(`Fastify would save at most ${saved} µs per command (${Math.round(whatIf.commandCpuSavedShare * 100)}% of its CPU); with CPU setting both rates the ratio would be about ${whatIf.ratioIfFastify}x`);
  } else {
    console.log('no CPU per command in bench/results/api-latest.json: run npm run bench:api for the comparison with the API');
  }

  const at = new Date().toISOString();
  const out = {
    benchmark: 'api-frameworks',
    at,
    machine: { ...machine, loadAverageAtEnd: loadavg().map(r2) },
    method: {
      app: 'one NestJS module, no guards, pipes or middleware of our own: GET /live returns {status}; POST /echo takes a LogIncident command body (JSON parsed by the framework) and answers a small JSON',
      express: '@nestjs/platform-express (what the API runs on), its default JSON body parser',
      fastify: '@nestjs/platform-fastify with its default JSON parser',
      loadGenerator: 'autocannon in a child process',
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rounds: ROUNDS,
      cpu: 'process.cpuUsage() of the server process over the measured load ÷ requests',
    },
    runs,
    summary,
    whatIf,
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'api-frameworks-latest.json'), JSON.stringify(out, null, 2) + '\n');
  log('wrote bench/results/api-frameworks-latest.json');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
