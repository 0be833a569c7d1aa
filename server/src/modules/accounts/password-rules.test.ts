import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { assessPassword, personalWords } from '../../algorithms/password-strength';
import { callFrom, lastLetterTo, uniqueEmail } from '../people/people.testkit';
import { hashPassword } from './passwords';
import { users } from './schema';
import { fromNewAddress, lettersTo, sessionFrom, tokenInLetter } from './self-service.testkit';

describe('password rules: one strength check and one length cap wherever a password is set or typed', () => {
  let t: TestApp;
  let serial = 0;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const email = () => `rules-${++serial}@test.orbita`;
  async function person() {
    const address = email();
    const [user] = await t.handle.db.insert(users).values({ email: address, fullName: 'Петрова Анна Ивановна', passwordHash: await hashPassword(FIXTURE_PASSWORD) }).returning();
    return user;
  }
  /** Weak passwords for an address: each is refused with the estimator's reason in Russian. */
  const weakFor = (address: string) => ['aaaaaaaaaa', ' '.repeat(10), address, 'gfhjkm123456', 'пароль12345', 'йцукенгшщз', 'qwerty123456'];

  function expectWeak(response: { statusCode: number; json(): any }, field: string) {
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.errors[0].field).toBe(field);
    expect(body.detail).toMatch(/^Пароль (слишком простой: |должен быть не короче)/);
  }

  it('the estimator refuses repeats, keyboard rows, common Russian and English passwords and the person’s own address and name', () => {
    const mine = personalWords({ email: 'anna.petrova@mail.ru', fullName: 'Петрова Анна Ивановна' });
    for (const weak of [...weakFor('anna.petrova@mail.ru'), 'AnnaPetrova1', 'петрова анна', 'solnyshko2020']) {
      const verdict = assessPassword(weak, mine);
      expect(verdict.acceptable, weak).toBe(false);
      expect(verdict.problem).toMatch(/^Пароль /);
    }
    expect(assessPassword('aaaaaaaaaa', mine).problem).toContain('повтор');
    expect(assessPassword('anna.petrova@mail.ru', mine).problem).toContain('ваши имя или адрес почты');
    for (const strong of ['кот Бегемот и примус', 'lysenko-2026-oleg', 'correct horse battery staple']) expect(assessPassword(strong, mine).acceptable, strong).toBe(true);
    expect(assessPassword('Zx9!'.repeat(33), mine).problem).toBe('Пароль должен быть не длиннее 128 символов.');
  });

  it('registration: a weak password is refused and the link stays usable', async () => {
    const address = email();
    expect((await fromNewAddress(t)('POST', '/api/auth/register', { body: { email: address, fullName: 'Сидорова Вера Павловна' } })).statusCode).toBe(202);
    const [letter] = await lettersTo(t, address, 'registration');
    const token = tokenInLetter(letter.textBody, 'confirm-registration');
    const call = fromNewAddress(t);
    for (const weak of weakFor(address)) expectWeak(await call('POST', '/api/auth/register/confirm', { body: { token, password: weak } }), 'password');
    expectWeak(await call('POST', '/api/auth/register/confirm', { body: { token, password: 'sidorova vera' } }), 'password');
    expect((await call('POST', '/api/auth/register/confirm', { body: { token, password: 'ochen-dlinnyi-parol' } })).statusCode).toBe(201);
  });

  it('password reset and change: a weak new password is refused and the old one still works', async () => {
    const user = await person();
    const call = fromNewAddress(t);
    await call('POST', '/api/auth/password-reset', { body: { email: user.email } });
    const [letter] = await lettersTo(t, user.email, 'password_reset');
    const token = tokenInLetter(letter.textBody, 'reset-password');
    for (const weak of weakFor(user.email)) expectWeak(await call('POST', '/api/auth/password-reset/confirm', { body: { token, newPassword: weak } }), 'newPassword');
    const session = sessionFrom(await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: FIXTURE_PASSWORD } }));
    for (const weak of weakFor(user.email)) {
      expectWeak(await call('POST', '/api/auth/change-password', { session, body: { currentPassword: FIXTURE_PASSWORD, newPassword: weak } }), 'newPassword');
    }
    expect((await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: FIXTURE_PASSWORD } })).statusCode).toBe(200);
  });

  it('accepting an invitation: a weak password makes no account', async () => {
    const orgAdmin = await t.signIn('orgAdmin');
    const address = uniqueEmail('rules');
    const invited = await callFrom(t, 'POST', '/api/invitations', { session: orgAdmin, body: { email: address, fullName: 'Смирнова Анна Петровна', role: 'teacher', organizationId: t.fixtures.ownOrganizationId } });
    expect(invited.statusCode, invited.body).toBe(201);
    const { token } = await lastLetterTo(t, address);
    for (const weak of weakFor(address)) expectWeak(await callFrom(t, 'POST', '/api/invitations/accept', { body: { token, password: weak } }), 'password');
    expect(await t.handle.db.select().from(users).where(eq(users.email, address))).toHaveLength(0);
    expect((await callFrom(t, 'POST', '/api/invitations/accept', { body: { token, password: 'lysenko-2026-oleg' } })).statusCode).toBe(200);
  });

  it('limits guesses of the current password on change-password per person, whatever the network address', async () => {
    const user = await person();
    const session = sessionFrom(await fromNewAddress(t)('POST', '/api/auth/sign-in', { body: { email: user.email, password: FIXTURE_PASSWORD } }));
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await fromNewAddress(t)('POST', '/api/auth/change-password', { session, body: { currentPassword: `guess-number-${i}`, newPassword: 'lysenko-2026-oleg' } })).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });

  it('caps every password field at 128 characters before argon2 sees it: sign-in, current and new passwords', async () => {
    const user = await person();
    const call = fromNewAddress(t);
    const session: Session = sessionFrom(await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: FIXTURE_PASSWORD } }));
    const huge = 'Zx9!'.repeat(25_000);
    const started = performance.now();
    const answers = [
      await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: huge } }),
      await call('POST', '/api/auth/change-password', { session, body: { currentPassword: FIXTURE_PASSWORD, newPassword: huge } }),
      await call('POST', '/api/auth/change-password', { session, body: { currentPassword: huge, newPassword: 'lysenko-2026-oleg' } }),
      await call('POST', '/api/auth/email-change', { session, body: { newEmail: email(), currentPassword: huge } }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(400);
      expect(answer.json().errors[0].message).toBe('Пароль — не длиннее 128 символов');
    }
    expect(performance.now() - started).toBeLessThan(2000);
    const exactly128 = 'кот Бегемот и примус, '.repeat(6).slice(0, 128);
    expect((await call('POST', '/api/auth/change-password', { session, body: { currentPassword: FIXTURE_PASSWORD, newPassword: exactly128 } })).statusCode).toBe(204);
    expect((await call('POST', '/api/auth/sign-in', { body: { email: user.email, password: exactly128 } })).statusCode).toBe(200);
  });
});
