// A separate process for the concurrency test: appends `count` entries to the trail in
// `dataDir` as fast as it can, so several of these race for the cross-process lock.
import { appendAudit } from '../audit-log';

const [dataDir = '', count = '0', name = 'child'] = process.argv.slice(2);
for (let index = 1; index <= Number(count); index += 1) {
  await appendAudit(dataDir, { action: 'query', details: { writer: name, index } });
}
