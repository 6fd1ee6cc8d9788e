import { randomUUID } from 'node:crypto';
import { DeadlinePayload, DeadlineProcessor, DeadlineScheduler } from '@casetrail/scheduling';
import { Casework, eventually } from './support/casework';

// Hang guards, not speed checks: each wait below ends as soon as its condition holds.
jest.setTimeout(60_000);

/** Records the calls the processor makes; `failNext` makes the next calls throw, as a Redis outage would. */
class RecordingScheduler implements DeadlineScheduler {
  readonly calls: string[] = [];
  failNext = 0;
  private call(entry: string): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new Error('Connection is closed.'));
    }
    this.calls.push(entry);
    return Promise.resolve();
  }
  schedule(deadlineId: string, dueAt: string, payload: DeadlinePayload) {
    return this.call(`schedule ${deadlineId} ${dueAt} @${payload.revision}`);
  }
  cancel(deadlineId: string) {
    return this.call(`cancel ${deadlineId}`);
  }
  release(deadlineId: string) {
    return this.call(`release ${deadlineId}`);
  }
}

describe('the deadline processor: the store, read from a checkpoint, arms the scheduler', () => {
  let casework: Casework;
  beforeEach(async () => {
    casework = await Casework.start();
  });
  afterEach(() => casework.close());

  it('turns DeadlineScheduled into schedule, DeadlineMet into cancel, and resumes after its checkpoint', async () => {
    const scheduler = new RecordingScheduler();
    const first = new DeadlineProcessor(casework.store, casework.db, scheduler);
    await first.start();
    const due = new Date(Date.now() + 3_600_000);
    const opened = await casework.reportAsb(due);
    await casework.assessRisk(opened.caseId);
    expect(await first.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    await first.stop();
    expect(scheduler.calls).toEqual([`schedule ${opened.deadlineId} ${due.toISOString()} @${opened.revision}`, `cancel ${opened.deadlineId}`]);

    const later = await casework.reportAsb(due);
    const second = new DeadlineProcessor(casework.store, casework.db, scheduler);
    await second.start();
    expect(await second.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    await second.stop();
    expect(scheduler.calls.slice(2)).toEqual([`schedule ${later.deadlineId} ${due.toISOString()} @${later.revision}`]);
  });

  it('starts again from its checkpoint when the scheduler fails, and reports the failure', async () => {
    const scheduler = new RecordingScheduler();
    const errors: unknown[] = [];
    const processor = new DeadlineProcessor(casework.store, casework.db, scheduler, { onError: (error) => errors.push(error) });
    scheduler.failNext = 3;
    await processor.start();
    const opened = await casework.reportAsb(new Date(Date.now() + 3_600_000));
    expect(await eventually(async () => scheduler.calls.length === 1, 30_000)).toBe(true);
    await processor.stop();
    expect(scheduler.calls).toEqual([expect.stringMatching(new RegExp(`^schedule ${opened.deadlineId} `))]);
    expect(errors).toHaveLength(3);
    expect(processor.status().lastError).toBe('Connection is closed.');
  });

  it('reports a malformed DeadlineScheduled and goes on to the next deadline', async () => {
    const scheduler = new RecordingScheduler();
    const errors: string[] = [];
    const processor = new DeadlineProcessor(casework.store, casework.db, scheduler, { onError: (error) => errors.push(String(error)) });
    await processor.start();
    const broken = `asb-${randomUUID()}`;
    await casework.store.append(
      broken,
      [{ eventId: randomUUID(), type: 'DeadlineScheduled', schemaVersion: 1, data: { deadlineId: `${broken}/X`, rule: 'X', dueAt: 'soon' }, metadata: metadata() }],
      'no_stream',
    );
    const opened = await casework.reportAsb(new Date(Date.now() + 3_600_000));
    expect(await processor.waitFor(await casework.store.headPosition(), 10_000)).toBe(true);
    await processor.stop();
    expect(scheduler.calls).toEqual([expect.stringMatching(new RegExp(`^schedule ${opened.deadlineId} `))]);
    expect(errors).toEqual([expect.stringContaining('is malformed')]);
  });
});

function metadata() {
  const id = randomUUID();
  return { actorId: 'import', actorRole: 'system', agency: 'casetrail', correlationId: id, causationId: id, commandId: id, occurredAt: new Date().toISOString() };
}
