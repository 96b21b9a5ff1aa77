// LTI Dynamic Registration end to end: the LMS opens Trellis's registration URL, Trellis
// reads the LMS's configuration, registers, and the LMS can then launch it.
import { bootDataOf, fullLaunch, startHarness, type Harness } from '../support/harness';

let h: Harness;
afterEach(() => h?.close());

async function register(): Promise<Response> {
  const url = h.platform.startDynamicRegistration(`${h.toolUrl}/lti/register`);
  return fetch(url);
}

describe('dynamic registration', () => {
  it('registers Trellis with the LMS, which can then launch it', async () => {
    h = await startHarness();
    const res = await register();
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Trellis is registered');
    expect(page).toContain('/lti/register-close.js');

    const attempt = h.platform.registrations.at(-1)!;
    expect(attempt.ok).toBe(true);
    const sent = attempt.request as Record<string, unknown>;
    expect(sent).toMatchObject({
      initiate_login_uri: `${h.toolUrl}/lti/login`,
      redirect_uris: [`${h.toolUrl}/lti/launch`],
      jwks_uri: `${h.toolUrl}/lti/jwks`,
      token_endpoint_auth_method: 'private_key_jwt',
    });
    expect(String(sent.scope)).toContain('https://purl.imsglobal.org/spec/lti-ags/scope/score');
    const messages = (sent['https://purl.imsglobal.org/spec/lti-tool-configuration'] as { messages: { type: string }[] }).messages;
    expect(messages.map((m) => m.type)).toEqual(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest', 'LtiResourceLinkRequest']);

    const [row] = await h.tdb.db.query<{ client_id: string; registered_via: string; status: string }>(
      `SELECT client_id, registered_via, status FROM platform WHERE client_id = $1`,
      [attempt.clientId],
    );
    expect(row).toEqual({ client_id: attempt.clientId, registered_via: 'dynamic', status: 'active' });

    // The LMS now launches the newly registered tool (new client id and deployment).
    const launch = await fullLaunch(h, { userSub: 'stu-ana' });
    expect(launch.status).toBe(200);
    expect(bootDataOf(launch.text).session.panel).toBe('student');
  });

  it('waits for an admin when approval is required', async () => {
    h = await startHarness({ DYNAMIC_REGISTRATION_APPROVAL: 'true' });
    const res = await register();
    expect(await res.text()).toContain('waits for a Trellis administrator');
    const before = await fullLaunch(h, { userSub: 'stu-ana' }).catch((e: Error) => e);
    expect(before instanceof Error ? before.message : '').toContain('login returned 403');

    const [row] = await h.tdb.db.query<{ id: string }>(`SELECT id FROM platform WHERE registered_via = 'dynamic'`);
    await h.trellis.registry.setStatus(row!.id, 'active');
    expect((await fullLaunch(h, { userSub: 'stu-ana' })).status).toBe(200);
  });

  it('explains a registration URL opened without the LMS', async () => {
    h = await startHarness();
    const res = await fetch(`${h.toolUrl}/lti/register`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('registration_bad_request');
  });

  it('refuses a configuration whose issuer is not where it was served from', async () => {
    h = await startHarness();
    const url = new URL(h.platform.startDynamicRegistration(`${h.toolUrl}/lti/register`));
    // Point Trellis at a configuration the attacker serves: Trellis's own JWKS URL is not one.
    url.searchParams.set('openid_configuration', `${h.toolUrl}/lti/jwks`);
    const res = await fetch(url);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('registration_bad_configuration');
  });
});
