/** Where the app's data lives and what a failed start says (electron/startup.ts). */
import { describe, expect, it } from 'vitest';
import { startupFailureText, userDataOverride } from '../../../electron/startup';

describe('userDataOverride', () => {
  it('honours an absolute PERPDESK_USER_DATA in an unpackaged run only', () => {
    expect(userDataOverride({ PERPDESK_USER_DATA: '/tmp/perpdesk-data' }, false)).toBe('/tmp/perpdesk-data');
    expect(userDataOverride({ PERPDESK_USER_DATA: '/tmp/perpdesk-data' }, true)).toBeNull();
  });

  it('ignores a relative, empty or absent value', () => {
    expect(userDataOverride({ PERPDESK_USER_DATA: 'relative/dir' }, false)).toBeNull();
    expect(userDataOverride({ PERPDESK_USER_DATA: '' }, false)).toBeNull();
    expect(userDataOverride({}, false)).toBeNull();
  });
});

describe('startupFailureText', () => {
  it("gives the reason's first line and the log's path, never the stack", () => {
    const error = new Error('EISDIR: illegal operation on a directory, read');
    const text = startupFailureText(error, '/home/user/.config/perpdesk/logs/perpdesk.log');
    expect(text).toBe('EISDIR: illegal operation on a directory, read\n\nThe details are in the log file:\n/home/user/.config/perpdesk/logs/perpdesk.log');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('redacts secrets that reach the reason', () => {
    const text = startupFailureText(new Error('bad request apiKey=SECRETKEY123456&signature=abcdef0123'), '/l.log');
    expect(text).not.toContain('SECRETKEY123456');
    expect(text).not.toContain('abcdef0123');
  });

  it('describes a thrown non-error', () => {
    expect(startupFailureText('worker exited with code 1', '/l.log')).toMatch(/^non-error thrown: worker exited with code 1\n/);
  });
});
