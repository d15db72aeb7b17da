/** The site owner block from the environment: the demo's fictional block, or only what is configured. */
import { describe, expect, it } from 'vitest';
import { DEMO_SITE_OWNER, readSiteOwner } from '../../src/lib/config.ts';

describe('readSiteOwner', () => {
  it('is the fictional demo block when nothing is configured', () => {
    expect(readSiteOwner({})).toEqual(DEMO_SITE_OWNER);
    expect(DEMO_SITE_OWNER.icp).toMatch(/^澄ICP备0+号$/);
    expect(DEMO_SITE_OWNER.phone).toContain('555');
  });

  it('once the owner is configured, shows only what is configured, trimmed; empty hides an item', () => {
    expect(readSiteOwner({
      GONGSHI_SITE_OWNER: ' 某市人民政府办公室 ', GONGSHI_ICP: '某ICP备12345678号', GONGSHI_SITE_CONTACT_EMAIL: ' ',
    })).toEqual({
      name: '某市人民政府办公室', nameEn: undefined, address: undefined, phone: undefined, email: undefined,
      icp: '某ICP备12345678号', siteCode: undefined, psb: undefined,
    });
  });

  it('a demo item can be hidden with an empty variable; an empty owner is refused', () => {
    expect(readSiteOwner({ GONGSHI_PSB: '' }).psb).toBeUndefined();
    expect(() => readSiteOwner({ GONGSHI_SITE_OWNER: '  ' })).toThrow(/GONGSHI_SITE_OWNER/);
  });
});
