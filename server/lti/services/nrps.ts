// Names and Role Provisioning Services 2.0 client: a course's memberships, all pages,
// and the `differences` link the platform offers for the next, incremental sync.
import { linkRel, type PlatformClient } from './platform-client';
import type { TokenPlatform } from './service-token';

export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const MEDIA = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

export interface Member {
  user_id: string;
  roles: string[];
  status?: 'Active' | 'Inactive' | 'Deleted';
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
}

export interface MembershipPage {
  members: Member[];
  /** Where to ask next time for only what changed (rel="differences" on the last page). */
  differencesUrl: string | null;
}

export class NrpsClient {
  constructor(private readonly client: PlatformClient) {}

  async fetchMemberships(platform: TokenPlatform, url: string): Promise<MembershipPage> {
    const members: Member[] = [];
    let next: string | null = url;
    let differencesUrl: string | null = null;
    for (let page = 0; next && page < 10_000; page++) {
      const res = await this.client.call(platform, { method: 'GET', url: next, scopes: [NRPS_SCOPE], accept: MEDIA });
      const body = res.json as { members?: Member[] } | null;
      members.push(...(body?.members ?? []));
      const link = res.headers.get('link');
      differencesUrl = linkRel(link, 'differences') ?? differencesUrl;
      next = linkRel(link, 'next');
    }
    return { members, differencesUrl };
  }
}
