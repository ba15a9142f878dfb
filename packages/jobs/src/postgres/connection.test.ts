import { describe, expect, it } from 'vitest';
import { displayUrl, hasPassword } from './connection.js';

describe('displayUrl and hasPassword', () => {
  it('mask a password in the user part or in the query, and nothing else', () => {
    const inUser = 'postgres://kyy:Pw-secret-1@db:5432/kyy';
    const inQuery = 'postgres://kyy@db/kyy?password=Pw-secret-2&sslmode=require';
    const sslKey = 'postgres://kyy@db/kyy?sslpassword=Pw-secret-3';
    for (const url of [inUser, inQuery, sslKey]) {
      expect(hasPassword(url)).toBe(true);
      expect(displayUrl(url)).not.toMatch(/Pw-secret/);
    }
    expect(displayUrl(inQuery)).toContain('sslmode=require');
    const plain = 'postgres://kyy@db:5432/kyy?application_name=w1';
    expect(hasPassword(plain)).toBe(false);
    expect(displayUrl(plain)).toBe(plain);
    expect(hasPassword('not a url')).toBe(false);
  });
});
