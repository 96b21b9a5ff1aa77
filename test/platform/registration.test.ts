// LTI Dynamic Registration round trip over HTTP: the tool reads the openid-configuration,
// registers with the one-time token, and the platform then launches the new registration.
import request from 'supertest';
import { CLAIM, PLATFORM_CONFIGURATION, SCOPE, TOOL_CONFIGURATION } from './index';
import { accessToken, startPlatform, TOOL_ORIGIN, type PlatformFixture } from './fake-tool';

let f: PlatformFixture;
beforeAll(async () => {
  f = await startPlatform();
});
afterAll(() => f.close());

function clientMetadata(over: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${TOOL_ORIGIN}/lti/login`,
    redirect_uris: [`${TOOL_ORIGIN}/lti/launch`, `${TOOL_ORIGIN}/lti/deep-link`],
    client_name: 'Trellis',
    jwks_uri: f.tool.jwksUrl,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: `${SCOPE.lineItem} ${SCOPE.score} ${SCOPE.contextMembershipReadonly} https://example.com/not-a-scope`,
    [TOOL_CONFIGURATION]: {
      domain: 'trellis.test',
      target_link_uri: `${TOOL_ORIGIN}/lti/launch`,
      custom_parameters: { platform_user: '$User.id' },
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name'],
      messages: [
        { type: 'LtiResourceLinkRequest', label: 'Trellis' },
        { type: 'LtiDeepLinkingRequest', target_link_uri: `${TOOL_ORIGIN}/lti/deep-link`, label: 'Add Trellis practice' },
      ],
      ...config,
    },
    ...over,
  };
}

const register = (token: string | null, body: unknown) => {
  const req = request(f.app).post('/lms/register').set('Content-Type', 'application/json');
  if (token) req.set('Authorization', `Bearer ${token}`);
  return req.send(JSON.stringify(body));
};

describe('dynamic registration', () => {
  it('publishes an openid-configuration with the LTI platform configuration', async () => {
    const res = await fetch(f.platform.openidConfigurationUrl);
    expect(res.status).toBe(200);
    const config = await res.json();
    expect(config).toMatchObject({
      issuer: f.platform.issuer,
      authorization_endpoint: f.platform.authUrl,
      token_endpoint: f.platform.tokenUrl,
      jwks_uri: f.platform.jwksUrl,
      registration_endpoint: f.platform.registrationUrl,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      response_types_supported: ['id_token'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: expect.arrayContaining(['openid', SCOPE.lineItem, SCOPE.contextMembershipReadonly]),
      claims_supported: expect.arrayContaining(['sub', 'name', 'email']),
      [PLATFORM_CONFIGURATION]: {
        product_family_code: 'trellis-simulated-lms',
        version: '1.0',
        messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
        variables: expect.arrayContaining(['User.id', 'Context.id']),
      },
    });
  });

  it('round trip: start → tool registers with the token → platform launches the new registration', async () => {
    const start = new URL(f.platform.startDynamicRegistration(`${TOOL_ORIGIN}/lti/register?lang=en`));
    expect(start.origin + start.pathname).toBe(`${TOOL_ORIGIN}/lti/register`);
    expect(start.searchParams.get('lang')).toBe('en');
    expect(start.searchParams.get('openid_configuration')).toBe(f.platform.openidConfigurationUrl);
    const token = start.searchParams.get('registration_token')!;
    expect(token).toMatch(/^[\w-]{20,}$/);

    // What the tool does: read the configuration, then POST its metadata to registration_endpoint.
    const config = await (await fetch(start.searchParams.get('openid_configuration')!)).json();
    const endpoint = new URL(config.registration_endpoint);
    await register(null, clientMetadata()).expect(401);
    const res = await request(f.app)
      .post(endpoint.pathname)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(clientMetadata()))
      .expect(200);
    expect(res.body).toMatchObject({
      client_id: expect.stringMatching(/^dr-client-/),
      application_type: 'web',
      initiate_login_uri: `${TOOL_ORIGIN}/lti/login`,
      jwks_uri: f.tool.jwksUrl,
      scope: `${SCOPE.lineItem} ${SCOPE.score} ${SCOPE.contextMembershipReadonly}`,
      [TOOL_CONFIGURATION]: { domain: 'trellis.test', deployment_id: expect.stringMatching(/^dr-deployment-/) },
    });
    const clientId: string = res.body.client_id;
    const deploymentId: string = res.body[TOOL_CONFIGURATION].deployment_id;
    expect(f.platform.registrations.at(-1)).toMatchObject({ ok: true, clientId, deploymentId });
    expect(f.platform.requestsTo('registration').at(-1)!.headers.authorization).toBe(`Bearer ${token}`);

    // The token is one-time.
    expect((await register(token, clientMetadata()).expect(401)).body.error_description).toMatch(/already used/);

    // The platform now launches the newly registered tool.
    expect(f.platform.tool).toMatchObject({ clientId, deploymentId, jwksUrl: f.tool.jwksUrl, deepLinkUrl: `${TOOL_ORIGIN}/lti/deep-link` });
    const login = f.platform.loginInitiationParams({ userSub: 'stu-ana' });
    expect(login).toMatchObject({ client_id: clientId, lti_deployment_id: deploymentId });
    const auth = await request(f.app)
      .get('/lms/auth')
      .query({
        scope: 'openid',
        response_type: 'id_token',
        response_mode: 'form_post',
        prompt: 'none',
        client_id: clientId,
        redirect_uri: `${TOOL_ORIGIN}/lti/launch`,
        login_hint: login.login_hint,
        lti_message_hint: login.lti_message_hint,
        nonce: 'n-dr',
      })
      .expect(200);
    const idToken = /name="id_token" value="([^"]+)"/.exec(auth.text)![1]!;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ aud: clientId, name: 'Ana Lopez', [CLAIM.deploymentId]: deploymentId, [CLAIM.custom]: { platform_user: 'stu-ana' } });
    expect(claims).not.toHaveProperty('email'); // not in the registered claims
    expect(claims[CLAIM.agsEndpoint].scope).toEqual([SCOPE.lineItem, SCOPE.score]);

    // And services work for the new client id.
    const accessTok = await accessToken(f, [SCOPE.contextMembershipReadonly]);
    await request(f.app).get('/lms/api/courses/math-6/memberships').set('Authorization', `Bearer ${accessTok}`).expect(200);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['a redirect_uri off the tool domain', { redirect_uris: ['https://evil.example/cb'] }, {}, 'invalid_redirect_uri'],
    ['grant_types without client_credentials', { grant_types: ['implicit'] }, {}, 'invalid_client_metadata'],
    ['token_endpoint_auth_method client_secret_basic', { token_endpoint_auth_method: 'client_secret_basic' }, {}, 'invalid_client_metadata'],
    ['no jwks_uri', { jwks_uri: undefined }, {}, 'invalid_client_metadata'],
    ['an unsupported message type', {}, { messages: [{ type: 'LtiSubmissionReviewRequest' }] }, 'invalid_client_metadata'],
    ['a login URL off the domain', { initiate_login_uri: 'https://other.example/login' }, {}, 'invalid_client_metadata'],
    ['no tool configuration', { [TOOL_CONFIGURATION]: undefined }, {}, 'invalid_client_metadata'],
  ])('rejects metadata with %s', async (_name, over, config, error) => {
    const token = new URL(f.platform.startDynamicRegistration(`${TOOL_ORIGIN}/lti/register`)).searchParams.get('registration_token')!;
    const body = clientMetadata(over, config) as Record<string, unknown>;
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete body[k];
    const res = await register(token, body).expect(400);
    expect(res.body.error).toBe(error);
    expect(f.platform.registrations.at(-1)).toMatchObject({ ok: false, status: 400, error });
  });

  it('refuses unknown registration tokens and non-JSON bodies', async () => {
    await register('made-up', clientMetadata()).expect(401);
    await request(f.app).post('/lms/register').type('form').send({ a: 'b' }).expect(415);
  });

  it('serves an accessible admin page that runs the registration in an iframe', async () => {
    const res = await request(f.app).get('/lms/admin/register').query({ url: `${TOOL_ORIGIN}/lti/register` }).expect(200);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('<h1>Register a tool</h1>');
    expect(res.text).toMatch(/<p id="registration-status" role="status" aria-live="polite"/);
    const src = /<iframe name="registration-frame" title="Tool registration" src="([^"]+)"/.exec(res.text)![1]!.replace(/&#38;/g, '&');
    const frame = new URL(src);
    expect(frame.origin + frame.pathname).toBe(`${TOOL_ORIGIN}/lti/register`);
    expect(frame.searchParams.get('openid_configuration')).toBe(f.platform.openidConfigurationUrl);
    expect(frame.searchParams.get('registration_token')).toBeTruthy();
    expect(res.text).toContain("d.subject!=='org.imsglobal.lti.close'");
    expect(res.text).toContain("status.textContent='Registration complete'");
    expect(res.text).toContain(`var origin="${TOOL_ORIGIN}"`);
    await request(f.app).get('/lms/admin/register').query({ url: 'javascript:alert(1)' }).expect(400);
  });
});
