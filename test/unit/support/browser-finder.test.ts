import { describe, expect, it } from 'vitest';
import { findBrowser, parseBrowserSources, type BrowserCandidate, type BrowserProbe, type BrowserSource } from '../../support/browser-finder';
import { systemBrowserPaths } from '../../support/browser-candidates';
import { npmChromiumSupported } from '../../support/npm-chromium';

/** A fake machine: which paths exist, which of them run, and which candidates were looked at. */
function machine(present: Record<string, 'runs' | 'broken'>) {
  const located: string[] = [];
  const probed: string[] = [];
  const candidate = (source: BrowserSource, path: string): BrowserCandidate => ({
    source,
    label: `${source}:${path}`,
    locate: () => {
      located.push(path);
      return path in present ? path : null;
    },
  });
  const probe: BrowserProbe = (path) => {
    probed.push(path);
    return present[path] === 'runs' ? { ok: true, version: `Chromium for ${path}` } : { ok: false, reason: 'exit 127' };
  };
  return { candidate, probe, located, probed };
}

describe('findBrowser', () => {
  it('takes the sources in order — explicit, playwright, system, npm — whatever order the candidates are listed in', () => {
    const all = { '/explicit': 'runs', '/pw': 'runs', '/usr/bin/chromium': 'runs', '/npm': 'runs' } as const;
    const { candidate, probe } = machine(all);
    const listed = [candidate('npm', '/npm'), candidate('system', '/usr/bin/chromium'), candidate('playwright', '/pw'), candidate('explicit', '/explicit')];
    expect(findBrowser(listed, probe).found?.path).toBe('/explicit');
    expect(findBrowser(listed.slice(0, 3), probe).found?.path).toBe('/pw');
    expect(findBrowser(listed.slice(0, 2), probe).found?.path).toBe('/usr/bin/chromium');
    expect(findBrowser(listed.slice(0, 1), probe).found).toMatchObject({ source: 'npm', path: '/npm', version: 'Chromium for /npm' });
  });

  it('skips a system Chromium that exists but does not run, and says why', () => {
    const { candidate, probe, probed } = machine({ '/usr/bin/chromium': 'broken', '/usr/bin/google-chrome': 'runs', '/npm': 'runs' });
    const search = findBrowser([candidate('system', '/usr/bin/chromium'), candidate('system', '/usr/bin/google-chrome'), candidate('npm', '/npm')], probe);
    expect(search.found?.path).toBe('/usr/bin/google-chrome');
    expect(search.passedOver).toEqual(['system:/usr/bin/chromium: does not run (exit 127)']);
    expect(probed).toEqual(['/usr/bin/chromium', '/usr/bin/google-chrome']);
  });

  it('falls through absent and broken candidates to the npm Chromium, without probing what is absent', () => {
    const { candidate, probe, probed } = machine({ '/usr/bin/chromium': 'broken', '/npm': 'runs' });
    const search = findBrowser([candidate('playwright', '/pw'), candidate('system', '/usr/bin/chromium'), candidate('npm', '/npm')], probe);
    expect(search.found?.source).toBe('npm');
    expect(search.passedOver).toEqual(['playwright:/pw: not here', 'system:/usr/bin/chromium: does not run (exit 127)']);
    expect(probed).toEqual(['/usr/bin/chromium', '/npm']);
  });

  it('an explicit path that does not run stops the search rather than testing another browser', () => {
    const { candidate, probe, located } = machine({ '/explicit': 'broken', '/usr/bin/chromium': 'runs' });
    const search = findBrowser([candidate('explicit', '/explicit'), candidate('system', '/usr/bin/chromium')], probe);
    expect(search.found).toBeNull();
    expect(search.passedOver).toEqual(['explicit:/explicit: does not run (exit 127)']);
    expect(located).toEqual(['/explicit']);
  });

  it('a candidate that fails to prepare is passed over with its error', () => {
    const { candidate, probe } = machine({ '/usr/bin/chromium': 'broken' });
    const failing: BrowserCandidate = {
      source: 'npm',
      label: 'npm',
      locate: () => {
        throw new Error('disk full');
      },
    };
    const search = findBrowser([candidate('system', '/usr/bin/chromium'), failing], probe);
    expect(search.found).toBeNull();
    expect(search.passedOver).toEqual(['system:/usr/bin/chromium: does not run (exit 127)', 'npm: could not be prepared (disk full)']);
  });

  it('only the sources asked for are looked at', () => {
    const { candidate, probe, located } = machine({ '/usr/bin/chromium': 'runs', '/npm': 'runs' });
    const search = findBrowser([candidate('system', '/usr/bin/chromium'), candidate('npm', '/npm')], probe, ['npm']);
    expect(search.found?.path).toBe('/npm');
    expect(located).toEqual(['/npm']);
  });
});

describe('parseBrowserSources', () => {
  it('unset or blank means every source in the default order', () => {
    expect(parseBrowserSources(undefined)).toEqual(['explicit', 'playwright', 'system', 'npm']);
    expect(parseBrowserSources('  ')).toEqual(['explicit', 'playwright', 'system', 'npm']);
  });

  it('a subset keeps the default order', () => {
    expect(parseBrowserSources('npm, system')).toEqual(['system', 'npm']);
  });

  it('an unknown source is an error naming it', () => {
    expect(() => parseBrowserSources('npm,apt')).toThrow(/unknown source "apt"/);
  });
});

describe('the real candidates', () => {
  it('lists well-known Chromium and Chrome locations per OS', () => {
    expect(systemBrowserPaths('linux')[0]).toBe('/usr/bin/chromium');
    expect(systemBrowserPaths('darwin', { HOME: '/Users/t' })).toContain('/Users/t/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const windows = systemBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files' });
    expect(windows.some((path) => path.includes('Chrome') && path.endsWith('chrome.exe'))).toBe(true);
  });

  it('the npm Chromium is offered on Linux x64 only', () => {
    expect(npmChromiumSupported('linux', 'x64')).toBe(true);
    expect(npmChromiumSupported('linux', 'arm64')).toBe(false);
    expect(npmChromiumSupported('darwin', 'x64')).toBe(false);
  });
});
