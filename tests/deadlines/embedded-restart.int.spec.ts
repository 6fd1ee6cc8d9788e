import { EmbeddedDeadlines } from '@casetrail/scheduling';
import { Casework, eventually, sleepUntil } from './support/casework';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(60_000);

/** The embedded default: no Redis, timers in the API process, re-armed from the store on start. */
describe('embedded deadlines (no Redis)', () => {
  const running: { casework: Casework; deadlines: EmbeddedDeadlines }[] = [];

  async function startProcess(path?: string) {
    const casework = await Casework.start(path);
    const deadlines = new EmbeddedDeadlines({ runtime: casework.runtime, db: casework.db });
    await deadlines.start();
    running.push({ casework, deadlines });
    return { casework, deadlines };
  }

  async function stopProcess({ casework, deadlines }: { casework: Casework; deadlines: EmbeddedDeadlines }) {
    await deadlines.stop();
    await casework.close({ keepFiles: true });
    running.splice(running.findIndex((r) => r.casework === casework), 1);
  }

  afterEach(async () => {
    for (const proc of [...running]) await stopProcess(proc);
  });

  it('fires once, when the process is back, a deadline that fell due while it was stopped', async () => {
    const first = await startProcess();
    const dueAt = new Date(Date.now() + 1500);
    const opened = await first.casework.reportAsb(dueAt);
    expect(await first.deadlines.processor.waitFor(await first.casework.store.headPosition(), 10_000)).toBe(true);
    expect(first.deadlines.scheduler.armedCount()).toBe(1);
    await stopProcess(first);

    await sleepUntil(dueAt, 500);
    const meanwhile = await Casework.start(first.casework.path);
    expect((await meanwhile.missedByCase()).get(opened.caseId)).toBeUndefined(); // nothing fired while stopped
    await meanwhile.close();
    const second = await startProcess(first.casework.path);
    expect(await eventually(async () => (await second.casework.missedByCase()).get(opened.caseId) === 1)).toBe(true);
    expect(await second.deadlines.processor.waitFor(await second.casework.store.headPosition(), 10_000)).toBe(true);
    expect(second.deadlines.scheduler.armedCount()).toBe(0);
    await stopProcess(second);

    // Started again, with a reconcile on top: the missed deadline is not open, so nothing is armed.
    const third = await startProcess(first.casework.path);
    await third.deadlines.reconcile();
    expect(await third.deadlines.processor.waitFor(await third.casework.store.headPosition(), 10_000)).toBe(true);
    expect(third.deadlines.scheduler.armedCount()).toBe(0);
    expect((await third.casework.missedByCase()).get(opened.caseId)).toBe(1);
    first.casework.removeFiles();
  });

  it('disarms a deadline met in time, and records no DeadlineMissed for it', async () => {
    const { casework, deadlines } = await startProcess();
    const met = await casework.reportAsb(new Date(Date.now() + 1000));
    const sentinel = await casework.reportAsb(new Date(Date.now() + 1500));
    await casework.assessRisk(met.caseId);
    expect(await deadlines.processor.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    expect(deadlines.scheduler.armedCount()).toBe(1);
    expect(await eventually(async () => (await casework.missedByCase()).get(sentinel.caseId) === 1)).toBe(true);
    expect((await casework.missedByCase()).get(met.caseId)).toBeUndefined();
    casework.removeFiles();
  });
});
