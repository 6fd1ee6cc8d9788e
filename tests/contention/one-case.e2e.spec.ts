import type { AddressInfo } from 'node:net';
import { EVENT_STORE, EventStore, RecordedEvent } from '@casetrail/event-store';
import { startTestApi, StoreKind, TestApi } from '../support/api-app';
import { RawHttp, RawResponse } from '../support/raw-http';
import { describeWithPostgres } from '../support/services';
import { mint, TOKEN_ENV } from '../security/tokens';

/**
 * 50 concurrent commands on one case, over real HTTP connections to the API as it ships, on
 * SQLite and PostgreSQL. Exactly the accepted ones are applied, the others get 409 or 412, and
 * the case's invariants hold: at most one CPN per escalation, breaches numbered without gaps.
 */
// Hang guards, not speed checks: the machine is shared and noisy.
jest.setTimeout(90_000);

const CONCURRENCY = 50;

const council = { issuerType: 'council', issuerId: 'TMBC-ASB-3', name: 'Officer Example', agency: 'tmbc' } as const;
const limb = (note: string) => ({ met: true, note });

function contentionSuite(kind: StoreKind): void {
  let api: TestApi;
  let http: RawHttp;
  let store: EventStore;
  let headers: Record<string, string>;
  let caseId: string;

  const send = async (command: unknown, extra: Record<string, string> = {}): Promise<RawResponse> =>
    http.send({ method: 'POST', path: `/api/cases/${caseId}/commands`, headers: { ...headers, ...extra }, body: JSON.stringify(command) });
  const revision = async () => (await store.readStream(caseId)).at(-1)!.revision;
  const ok = async (command: unknown, extra: Record<string, string> = {}) => {
    const res = await send(command, { 'If-Match': `"${await revision()}"`, ...extra });
    expect({ command, status: res.status, body: res.status === 200 ? undefined : res.text }).toEqual({ command, status: 200, body: undefined });
  };

  /** Each accepted answer's events are in the stream exactly once; nothing else was written. */
  function expectExactlyTheAccepted(stream: RecordedEvent[], before: number, answers: RawResponse[]): void {
    const accepted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.filter((a) => a.status !== 409 && a.status !== 412).map((a) => `${a.status} ${a.text.slice(0, 200)}`)).toEqual([]);
    refused.forEach((a) => expect(String(a.headers['content-type'])).toContain('application/problem+json'));
    const acceptedIds = accepted.flatMap((a) => (a.json() as { events: { eventId: string }[] }).events.map((e) => e.eventId));
    const written = stream.filter((e) => e.revision > before).map((e) => e.eventId);
    expect(new Set(acceptedIds).size).toBe(acceptedIds.length);
    expect([...written].sort()).toEqual([...acceptedIds].sort());
    // Revisions without gaps or repeats.
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_e, i) => i));
  }

  beforeAll(async () => {
    api = await startTestApi(kind, '2026-03-02T10:00:00.000Z', { env: { ...TOKEN_ENV, CASETRAIL_RATE_LIMIT: '1000000' } });
    await api.app.listen(0, '127.0.0.1');
    http = new RawHttp(`http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`, CONCURRENCY);
    store = api.app.get<EventStore>(EVENT_STORE);
    headers = { Authorization: `Bearer ${await mint({ role: 'caseworker', userId: 'officer-1', agency: 'tmbc' })}`, 'Content-Type': 'application/json' };
    const opened = await http.send({
      method: 'POST',
      path: '/api/cases',
      headers,
      body: JSON.stringify({
        type: 'cpw-cpn',
        data: { recipient: { kind: 'body', name: 'Riverside Takeaway Ltd', registeredAddress: '4 High Street, Tonbridge' }, conduct: { narrative: 'Waste left in the alley every weekend.' } },
      }),
    });
    expect(opened.status).toBe(201);
    caseId = (opened.json() as { caseId: string }).caseId;
    await ok({
      type: 'IssueCpw',
      data: {
        issuer: council,
        s43Test: { detrimentalEffect: limb('Neighbours report smell.'), persistentOrContinuing: limb('Every weekend since May.'), unreasonable: limb('Bins are provided.') },
        requirements: [{ requirementId: 'R1', kind: 'do', text: 'Keep waste in the bins provided.' }],
        timeToComply: { kind: 'days', days: 14 },
        statesCpnWillFollow: true,
      },
    });
    api.clock.now = new Date('2026-03-23T10:00:00.000Z');
    await ok({ type: 'RecordConductAfterWarning', data: { conductContinued: true, note: 'Waste seen on two weekends since.' } });
  });
  afterAll(async () => {
    http?.close();
    await api?.close();
  });

  it(`${CONCURRENCY} officers issue the CPN at once, all with the same If-Match: one notice, the rest 409 or 412`, async () => {
    const before = await revision();
    const issue = (i: number) => ({ type: 'IssueCpn', data: { issuer: { ...council, issuerId: `TMBC-ASB-${i}` }, requirementIds: ['R1'], appropriateBodiesInformed: [{ body: 'kent-police', informedOn: '2026-03-23' }] } });
    const answers = await Promise.all(Array.from({ length: CONCURRENCY }, (_v, i) => send(issue(i), { 'If-Match': `"${before}"`, 'Idempotency-Key': `cpn-${kind}-${i}` })));

    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const stream = await store.readStream(caseId);
    expect(stream.filter((e) => e.type === 'CpnIssued')).toHaveLength(1);
    expectExactlyTheAccepted(stream, before, answers);

    // A retry of a refused request (same key, same body) is decided again and refused again: still one CPN.
    const retry = await send(issue(1), { 'If-Match': `"${before}"`, 'Idempotency-Key': `cpn-${kind}-1` });
    expect([200, 409, 412, 422]).toContain(retry.status);
    expect((await store.readStream(caseId)).filter((e) => e.type === 'CpnIssued')).toHaveLength(1);
  });

  it(`${CONCURRENCY} breaches recorded at once, half with If-Match and half without: each accepted once, numbered without gaps`, async () => {
    api.clock.now = new Date('2026-06-30T10:00:00.000Z');
    const before = await revision();
    const breach = (i: number) => ({ type: 'RecordBreach', data: { occurredOn: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`, requirementIds: ['R1'], description: `Breach report ${i}` } });
    const answers = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_v, i) => send(breach(i), i % 2 === 0 ? { 'If-Match': `"${before}"` } : { 'Idempotency-Key': `breach-${kind}-${i}` })),
    );

    const conditionedAccepted = answers.filter((a, i) => i % 2 === 0 && a.status === 200);
    expect(conditionedAccepted.length).toBeLessThanOrEqual(1);
    const accepted = answers.filter((a) => a.status === 200).length;
    expect(accepted).toBeGreaterThanOrEqual(1);
    const stream = await store.readStream(caseId);
    expectExactlyTheAccepted(stream, before, answers);
    const numbers = stream.filter((e) => e.type === 'BreachRecorded').map((e) => (e.data as { breachNumber: number }).breachNumber);
    expect(numbers).toEqual(numbers.map((_n, i) => i + 1));
    expect(numbers).toHaveLength(accepted);
    expect(stream.filter((e) => e.type === 'CpnIssued')).toHaveLength(1);

    // Retrying the unconditioned ones with their keys applies each at most once in all.
    const retried: RawResponse[] = [];
    for (let i = 1; i < CONCURRENCY; i += 2) retried.push(await send(breach(i), { 'Idempotency-Key': `breach-${kind}-${i}` }));
    const after = await store.readStream(caseId);
    const descriptions = after.filter((e) => e.type === 'BreachRecorded').map((e) => (e.data as { description: string }).description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    expect(retried.map((a) => a.status)).toEqual(Array(CONCURRENCY / 2).fill(200));
  });
}

describe('contention on one case: SQLite', () => contentionSuite('sqlite'));
describeWithPostgres('contention on one case: PostgreSQL', () => contentionSuite('postgres'));
