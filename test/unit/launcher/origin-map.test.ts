/** The glue harness's stand-in origin for app:// (test/support/electron/origin-map.ts). */
import { describe, expect, it } from 'vitest';
import { isStandInUrl, toAppUrl, toStandInUrl } from '../../support/electron/origin-map';

describe('stand-in origin for app://', () => {
  it('maps app:// URLs both ways, path, query and fragment kept', () => {
    expect(toStandInUrl('app://perpdesk/index.html')).toBe('http://perpdesk.localhost/index.html');
    expect(toStandInUrl('app://perpdesk')).toBe('http://perpdesk.localhost/');
    expect(toAppUrl('http://perpdesk.localhost/assets/a.js?x=1#top')).toBe('app://perpdesk/assets/a.js?x=1#top');
    expect(toAppUrl(toStandInUrl('app://perpdesk/index.html')!)).toBe('app://perpdesk/index.html');
  });

  it('leaves every other URL alone', () => {
    expect(toStandInUrl('https://perpdesk/index.html')).toBeNull();
    expect(toStandInUrl('not a url')).toBeNull();
    expect(toAppUrl('http://foreign.test/')).toBe('http://foreign.test/');
    expect(toAppUrl('http://perpdesk.localhost:8080/')).toBe('http://perpdesk.localhost:8080/');
    expect(isStandInUrl('https://perpdesk.localhost/')).toBe(false);
    expect(isStandInUrl('http://perpdesk.localhost/index.html')).toBe(true);
  });
});
