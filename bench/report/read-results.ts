import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A loosely typed view of a results JSON: every benchmark writes its own shape. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function readLatest(dir: string, name: string): Json | undefined {
  const path = join(dir, `${name}-latest.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : undefined;
}

/** One figure beside its baseline, as the report's tables show it. */
export interface Figure {
  source: string;
  what: string;
  subject: string;
  baseline: string;
  ratio: string;
  goal: string;
}

export const num = (value: unknown, unit = ''): string =>
  typeof value === 'number' && Number.isFinite(value) ? `${value.toLocaleString('en-GB')}${unit}` : '—';
// As precise as the run saved it (0.795 stays 0.795: rounded to 0.80 it would read as a met 0.8 goal).
export const ratioText = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value) ? `${Number.isInteger(value * 100) ? value.toFixed(2) : String(Math.round(value * 1000) / 1000)}x` : '—';
export const verdict = (met: unknown, goal: string): string => (met === undefined ? goal || '—' : `${goal}: ${met ? 'met' : '**not met**'}`);

export function storeFigures(store: Json | undefined): Figure[] {
  return (store?.results ?? []).map((r: Json) => ({
    source: 'bench:store',
    what:
      r.kind === 'read-all'
        ? `${r.adapter} read all (pages of ${r.pageSize})`
        : `${r.adapter} append, ${r.eventsPerAppend}-event batches, ${r.writers} ${r.concurrency}`,
    subject: num(r.adapterFigures?.eventsPerSecond, ' ev/s'),
    baseline: `${num(r.raw?.eventsPerSecond, ' ev/s')} raw`,
    ratio: ratioText(r.ratio),
    goal: r.goal === undefined ? '—' : verdict(r.met, `>= ${r.goal}x`),
  }));
}

export function apiFigures(api: Json | undefined, frameworks?: Json): Figure[] {
  if (!api) return [];
  const framework = (frameworks?.summary ?? []).map((s: Json) => ({
    source: 'bench:api:frameworks',
    what: `${s.endpoint} on a bare NestJS module: Fastify against Express (req/s)`,
    subject: `${num(s.fastify?.requestsPerSecond, ' req/s')} (${num(s.fastify?.cpuUsPerRequest, ' µs')} CPU per request)`,
    baseline: `${num(s.express?.requestsPerSecond, ' req/s')} Express (${num(s.express?.cpuUsPerRequest, ' µs')} CPU per request)`,
    ratio: ratioText(s.fastifyOverExpress),
    goal: '—',
  }));
  const cpu =
    api.commands?.cpuMsPerRequest === undefined
      ? []
      : [
          {
            source: 'bench:api',
            what: 'server CPU per request (the time)',
            subject: num(api.commands.cpuMsPerRequest, ' ms per command'),
            baseline: `${num(api.baseline?.cpuMsPerRequest, ' ms')} trivial endpoint`,
            ratio: `${ratioText(api.commands.cpuMsPerRequest / api.baseline?.cpuMsPerRequest)} the time`,
            goal: '—',
          },
        ];
  return [
    {
      source: 'bench:api',
      what: 'commands over HTTP, 50 connections (req/s)',
      subject: num(api.commands?.requestsPerSecond, ' req/s'),
      baseline: `${num(api.baseline?.requestsPerSecond, ' req/s')} trivial endpoint`,
      ratio: ratioText(api.ratio),
      goal: verdict(api.goals?.throughput?.met, '>= 0.5x'),
    },
    {
      source: 'bench:api',
      what: 'commands p99 latency',
      subject: num(api.commands?.latencyMs?.p99, ' ms'),
      baseline: `${num(api.baseline?.latencyMs?.p99, ' ms')} trivial endpoint`,
      ratio: ratioText(api.commands?.latencyMs?.p99 / api.baseline?.latencyMs?.p99),
      goal: verdict(api.goals?.latency?.met, '< 50 ms'),
    },
    ...cpu,
    ...framework,
  ];
}

export function deadlineFigures(deadlines: Json | undefined): Figure[] {
  const p = deadlines?.phases;
  if (!p) return [];
  return [
    {
      source: 'bench:deadlines',
      what: '10k deadlines due at once (jobs/s)',
      subject: num(p.casetrailBurst?.jobsPerSecond, ' jobs/s'),
      baseline: `${num(p.bareBurst?.jobsPerSecond, ' jobs/s')} bare BullMQ worker`,
      ratio: ratioText(p.casetrailBurst?.jobsPerSecond / p.bareBurst?.jobsPerSecond),
      goal: verdict(deadlines?.goals?.throughputOverBare?.met, '>= 0.5x'),
    },
    {
      source: 'bench:deadlines',
      what: 'lateness p99, deadlines spread over time',
      subject: num(p.casetrailSpread?.doneLatenessMs?.p99, ' ms'),
      baseline: `${num(p.bareSpread?.doneLatenessMs?.p99, ' ms')} bare`,
      ratio: ratioText(p.casetrailSpread?.doneLatenessMs?.p99 / p.bareSpread?.doneLatenessMs?.p99),
      goal: verdict(deadlines?.goals?.p99LatenessMs?.met, '<= 1000 ms'),
    },
  ];
}

export function auditFigures(audit: Json | undefined): Figure[] {
  return (audit?.rows ?? []).map((r: Json) => ({
    source: 'bench:audit',
    what: r.work,
    subject: num(r.subjectPerSecond, ` ${r.unit}`),
    baseline: num(r.baselinePerSecond, ` ${r.unit}`),
    ratio: `${ratioText(r.ratio)} the time`,
    goal: r.invalid ? `INVALID: ${r.invalid}` : r.goal ? verdict(r.met, r.goal) : '—',
  }));
}

export function projectionFigures(projections: Json | undefined): Figure[] {
  if (!projections) return [];
  const raw = projections.baseline?.rawEventsPerSecond;
  const rows: Figure[] = (projections.rebuild?.projections ?? []).map((r: Json) => ({
    source: 'bench:projections',
    what: `rebuild ${r.projection ?? r.name} (${num(projections.config?.events)} events)`,
    subject: num(r.eventsPerSecond, ' ev/s'),
    baseline: `${num(raw, ' ev/s')} raw read`,
    ratio: ratioText(r.ratio),
    goal: verdict(typeof r.ratio === 'number' ? r.ratio >= 0.5 : undefined, '>= 0.5x'),
  }));
  const q = projections.queue;
  if (q) {
    rows.push({
      source: 'bench:projections',
      what: 'escalation queue query p99',
      subject: num(q.p99Ms, ' ms'),
      baseline: `p50 ${num(q.p50Ms, ' ms')}`,
      ratio: '—',
      goal: verdict(q.met, '<= 20 ms'),
    });
  }
  return rows;
}
