import type { AppConfig } from '../../config/app-config';
import { packageKey } from '../../common/crypto/package-cipher';
import { TaskExportCipher, taskExportKey } from './task-export-cipher';

const CONFIG = { PACKAGE_KEY: Buffer.alloc(32, 5).toString('base64'), APP_SECRET: 'x'.repeat(32) } as AppConfig;
const CONTENT = { data: { user: { email: 'kari.nordmann@example.no' } }, tables: { user: [{ email: 'kari.nordmann@example.no' }] } };

describe('the export cipher', () => {
  const cipher = new TaskExportCipher(CONFIG);

  it('seals an export so its data is not in the bytes, and opens it for the same task', () => {
    const sealed = cipher.seal('task-1', CONTENT);
    expect(sealed.ciphertext.includes(Buffer.from('kari.nordmann'))).toBe(false);
    expect(cipher.open('task-1', sealed)).toEqual(CONTENT);
  });

  it('refuses a ciphertext moved onto another task, or sealed under another key', () => {
    const sealed = cipher.seal('task-1', CONTENT);
    expect(() => cipher.open('task-2', sealed)).toThrow();
    const other = new TaskExportCipher({ ...CONFIG, PACKAGE_KEY: Buffer.alloc(32, 6).toString('base64') });
    expect(() => other.open('task-1', sealed)).toThrow();
  });

  it('uses a key of its own, not the package key itself', () => {
    expect(taskExportKey(CONFIG).equals(packageKey(CONFIG.PACKAGE_KEY, CONFIG.APP_SECRET).key)).toBe(false);
  });
});
