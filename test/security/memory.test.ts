// Closing a snapshot releases its memory: the plaintext image (held outside the
// WebAssembly heap, see shared/snapshot/open.ts) is wiped and becomes collectable, so a
// closed snapshot leaves nothing of its data behind in the process.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { decryptAgeFile } from '../../shared/node/age';
import { nodeSqlJsProvider } from '../../shared/node/snapshot/sqljs-node';
import { openSnapshotFromPlaintext } from '../../shared/snapshot/open';
import { buildSnapshotFile, FIXTURE_PASSPHRASE } from '../support/snapshot';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

async function externalMegabytes(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  collect();
  collect();
  return process.memoryUsage().arrayBuffers / 1e6;
}

const SIZE = 48_000_000;

/** Open, measure and close in its own frame so no local keeps the image alive afterwards. */
async function openAndClose(path: string): Promise<{ open: number; wiped: boolean }> {
  const decrypted = await decryptAgeFile(path, { kind: 'passphrase', passphrase: FIXTURE_PASSPHRASE });
  const snapshot = await openSnapshotFromPlaintext(decrypted.plaintext, decrypted, nodeSqlJsProvider);
  const open = await externalMegabytes();
  snapshot.close();
  return { open, wiped: decrypted.plaintext.subarray(0, 4096).every((byte) => byte === 0) };
}

describe('memory on close', () => {
  it('wipes the decrypted image and releases it when the snapshot is closed', async () => {
    const fixture = await buildSnapshotFile(`CREATE TABLE ballast (b BLOB); INSERT INTO ballast VALUES (randomblob(${SIZE}));`);
    try {
      await nodeSqlJsProvider();
      const before = await externalMegabytes();
      const { open, wiped } = await openAndClose(fixture.path);
      const after = await externalMegabytes();
      console.log(`memory: ${before.toFixed(1)} MB of buffers before open, ${open.toFixed(1)} MB open, ${after.toFixed(1)} MB after close`);
      // Held once, not copied into the WebAssembly heap as well.
      expect(open - before).toBeGreaterThan((SIZE / 1e6) * 0.95);
      expect(open - before).toBeLessThan((SIZE / 1e6) * 1.2);
      expect(wiped).toBe(true);
      expect(after - before).toBeLessThan(2);
    } finally {
      fixture.remove();
    }
  });
});
