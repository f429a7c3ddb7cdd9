import type { Request, Response } from 'express';
import { FixedClock } from '../../../test/support/fixed-clock';
import type { AppConfig } from '../../config/app-config';
import { SignedCookie } from './signed-cookie';

const SECRET = 'a'.repeat(40);
const OLD_SECRET = 'b'.repeat(40);
const spec = { name: 'dsr-test', purpose: 'test-purpose', minutes: 5, sameSite: 'lax' as const };

/** A response that keeps what was set, and a request that carries it back. */
function roundTrip() {
  const jar: Record<string, string> = {};
  const response = { cookie: (name: string, value: string) => (jar[name] = value), clearCookie: (name: string) => delete jar[name] } as unknown as Response;
  const request = () => ({ cookies: { ...jar } }) as unknown as Request;
  return { jar, response, request };
}
const config = (secret: string, previous: string[] = [], url = 'http://localhost:3000') =>
  ({ APP_SECRET: secret, APP_SECRET_PREVIOUS: previous, PUBLIC_URL: url }) as unknown as AppConfig;

describe('SignedCookie', () => {
  const clock = new FixedClock(new Date('2026-12-05T10:00:00Z'));

  it('gives back what it wrote until it expires', () => {
    const cookie = new SignedCookie(config(SECRET), clock, spec);
    const { response, request } = roundTrip();
    cookie.write(response, { userId: 'u1' });
    expect(cookie.read(request())).toMatchObject({ userId: 'u1' });
    clock.advance(5 * 60_000);
    expect(cookie.read(request())).toBeNull();
    clock.set('2026-12-05T10:00:00Z');
  });

  it('refuses an altered payload, a foreign signature and a key made for another purpose', () => {
    const cookie = new SignedCookie(config(SECRET), clock, spec);
    const { jar, response, request } = roundTrip();
    cookie.write(response, { userId: 'u1' });
    const [payload, signature] = jar['dsr-test'].split('.');
    const forged = Buffer.from(JSON.stringify({ userId: 'admin', expiresAt: Date.now() + 60_000 })).toString('base64url');
    jar['dsr-test'] = `${forged}.${signature}`;
    expect(cookie.read(request())).toBeNull();
    jar['dsr-test'] = `${payload}.${signature}x`;
    expect(cookie.read(request())).toBeNull();
    jar['dsr-test'] = `${payload}.${signature}`;
    expect(new SignedCookie(config(SECRET), clock, { ...spec, purpose: 'other' }).read(request())).toBeNull();
  });

  it('still reads a cookie signed under the previous secret while it rotates, and uses __Host- behind https', () => {
    const { response, request } = roundTrip();
    new SignedCookie(config(OLD_SECRET), clock, spec).write(response, { userId: 'u1' });
    expect(new SignedCookie(config(SECRET, [OLD_SECRET]), clock, spec).read(request())).toMatchObject({ userId: 'u1' });
    expect(new SignedCookie(config(SECRET), clock, spec).read(request())).toBeNull();
    expect(new SignedCookie(config(SECRET, [], 'https://dsr.example.no'), clock, spec).name).toBe('__Host-dsr-test');
  });
});
