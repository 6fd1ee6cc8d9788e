#!/usr/bin/env node
/* global fetch, console, AbortSignal, Buffer, URL */
// The container image's HEALTHCHECK (Dockerfile, docker-compose.yml). Plain JavaScript, so a probe
// costs one short node start and no TypeScript compile. Exit 0: healthy; 1: not.
//
//   node infra/healthcheck.js api     the API answers GET /health/ready with 200 (its event store,
//                                     Redis and read models are usable)
//   node infra/healthcheck.js worker  a BullMQ worker of this container is connected to the
//                                     deadline queue in CASETRAIL_REDIS_URL's database (Redis's
//                                     CLIENT LIST)
//   node infra/healthcheck.js         the role PID 1 runs (the image's entrypoint starts one)
'use strict';
const { readFileSync } = require('node:fs');
const { networkInterfaces } = require('node:os');

const DEADLINE_QUEUE = 'casetrail-deadlines'; // libs/scheduling/src/bullmq/deadline-queue.ts
const DEFAULT_PREFIX = 'casetrail';
const TIMEOUT_MS = 4000;

function roleOfPid1() {
  try {
    const command = readFileSync('/proc/1/cmdline', 'utf8');
    if (command.includes('apps/api/')) return 'api';
    if (command.includes('apps/worker/')) return 'worker';
  } catch {
    // not in a container: name the role
  }
  return undefined;
}

async function apiReady() {
  const port = process.env.PORT || '3000';
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`/health/ready answered ${response.status}`);
}

async function workerConnected() {
  const url = process.env.CASETRAIL_REDIS_URL;
  if (!url) throw new Error('CASETRAIL_REDIS_URL is not set: a worker needs Redis');
  const Redis = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  try {
    await redis.connect();
    const name = `${DEFAULT_PREFIX}:${Buffer.from(DEADLINE_QUEUE).toString('base64')}`;
    const clients = String(await redis.client('LIST')).split('\n');
    const mine = new Set(Object.values(networkInterfaces()).flat().map((address) => address.address));
    // CLIENT LIST shows the clients of every logical database: only this URL's counts.
    const db = String(Number(new URL(url).pathname.slice(1) || '0'));
    const connected = clients.some((line) => {
      const fields = Object.fromEntries(line.split(' ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
      const host = (fields.addr || '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      return (fields.name === name || (fields.name || '').startsWith(`${name}:w:`)) && fields.db === db && mine.has(host);
    });
    if (!connected) throw new Error('no BullMQ worker of this host is connected to the deadline queue');
  } finally {
    redis.disconnect();
  }
}

const role = process.argv[2] || roleOfPid1();
const check = { api: apiReady, worker: workerConnected }[role];
if (!check) {
  console.error(`healthcheck: name the role (api or worker); got ${role ?? 'none'}`);
  process.exit(1);
}
check().then(
  () => process.exit(0),
  (error) => {
    console.error(`healthcheck ${role}: ${error.message}`);
    process.exit(1);
  },
);
