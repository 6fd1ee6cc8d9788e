import { asbPerpetratorKey, asbReportKeys, daReferralKeys, normalise } from './repeat-keys';

const report = (victim: [string, string], address: string, perpetrator?: object) => ({
  victims: [{ kind: 'person', givenName: victim[0], familyName: victim[1], contact: {} }],
  location: { address },
  perpetrators: perpetrator ? [{ perpetratorId: 'p1', ...perpetrator }] : [],
});

describe('repeat keys', () => {
  it('normalise case, accents, punctuation and spacing, so the same person or address written differently matches', () => {
    expect(normalise('  Zoë   O’Brien-Smith ')).toBe('zoe o brien smith');
    expect(asbReportKeys(report(['Jane', 'Doe'], '12 Acacia Avenue, Tonbridge'))).toEqual(
      asbReportKeys(report(['  JANE ', 'doe'], '12  acacia avenue tonbridge')),
    );
  });

  it('hold no name or address in clear: each key is a sha256 of its kind and value', () => {
    const keys = asbReportKeys(report(['Jane', 'Doe'], '12 Acacia Avenue', { givenName: 'Sam', familyName: 'Smith' }));
    expect(keys.map((k) => k.kind)).toEqual(['victim', 'location', 'perpetrator']);
    keys.forEach((k) => expect(k.hash).toMatch(/^[0-9a-f]{64}$/));
    expect(JSON.stringify(keys)).not.toMatch(/jane|doe|acacia|sam|smith/i);
  });

  it('never match across kinds: a victim and a perpetrator of the same name are different keys', () => {
    const [victim] = asbReportKeys(report(['Sam', 'Smith'], 'x'));
    expect(asbPerpetratorKey({ givenName: 'Sam', familyName: 'Smith' })?.hash).not.toBe(victim?.hash);
  });

  it('join the date of birth when known, and make no key for a perpetrator known only by a description', () => {
    const withBirth = asbPerpetratorKey({ givenName: 'Sam', familyName: 'Smith', dateOfBirth: '1990-01-02' });
    expect(withBirth?.hash).not.toBe(asbPerpetratorKey({ givenName: 'Sam', familyName: 'Smith' })?.hash);
    expect(asbPerpetratorKey({ perpetratorId: 'p1', description: 'Two youths on bikes' })).toBeUndefined();
  });

  it('give a DA referral a victim, a perpetrator and a victim-and-perpetrator key', () => {
    const referral = (perpetrator: string) => ({ victim: { name: 'Alex Example', dateOfBirth: '1990-05-17' }, perpetrator: { name: perpetrator } });
    const [victim, , pair] = daReferralKeys(referral('Sam Example'));
    const [sameVictim, , otherPair] = daReferralKeys(referral('Chris Other'));
    expect({ kinds: daReferralKeys(referral('Sam Example')).map((k) => k.kind), sameVictim: sameVictim?.hash === victim?.hash }).toEqual({
      kinds: ['da-victim', 'da-perpetrator', 'da-pair'],
      sameVictim: true,
    });
    expect(otherPair?.hash).not.toBe(pair?.hash);
  });
});
