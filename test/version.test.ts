// The version in provenance lines must be the package's version.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATOR, VERSION } from '../shared/version';

describe('version', () => {
  it('matches package.json', () => {
    const pkg: { version: string } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(GENERATOR).toBe(`ketenlens ${pkg.version}`);
  });
});
