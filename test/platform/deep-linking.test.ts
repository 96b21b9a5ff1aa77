// Deep linking return: the platform verifies the tool's LtiDeepLinkingResponse and turns
// the content items into resource links that launch with their custom parameters.
import request from 'supertest';
import { generateKeyPair } from 'jose';
import { CLAIM } from './index';
import { deepLinkingResponse, signAsTool, startPlatform, TOOL_ORIGIN, type PlatformFixture } from './fake-tool';

let f: PlatformFixture;
beforeAll(async () => {
  f = await startPlatform();
});
afterAll(() => f.close());

/** A deep linking request as the platform would launch it; returns its settings claim. */
function dlSettings(): { data: string; deep_link_return_url: string } {
  const claims = f.platform.buildClaims({ userSub: 'tch-kim', nonce: 'n', messageType: 'LtiDeepLinkingRequest' });
  return claims[CLAIM.deepLinkingSettings] as { data: string; deep_link_return_url: string };
}

const post = (jwt: string) => request(f.app).post('/lms/deep-link-return').type('form').send({ JWT: jwt });

describe('deep linking return', () => {
  it('verifies the response, creates launchable links (with a line item) and shows a confirmation', async () => {
    const settings = dlSettings();
    expect(settings.deep_link_return_url).toBe(f.platform.deepLinkReturnUrl);
    const jwt = await deepLinkingResponse(f, settings, [
      {
        type: 'ltiResourceLink',
        title: 'Equivalent fractions set',
        url: `${TOOL_ORIGIN}/lti/launch?activity=eq-fractions`,
        custom: { activity: 'eq-fractions', learner: '$User.id', course: '$Context.title' },
        lineItem: { scoreMaximum: 12, label: 'Equivalent fractions', resourceId: 'eq-fractions', tag: 'practice' },
      },
      { type: 'ltiResourceLink', title: 'Ungraded warm-up' },
    ], { [CLAIM.dlMsg]: 'Two activities added' });

    const res = await post(jwt).expect(200);
    expect(res.text).toContain('<h1>Content added to Grade 6 Math</h1>');
    expect(res.text).toContain('Equivalent fractions set');
    expect(res.text).toContain('Message from the tool: Two activities added');

    const rec = f.platform.deepLinkReturns.at(-1)!;
    expect(rec).toMatchObject({ ok: true, jwt, courseId: 'math-6', msg: 'Two activities added' });
    expect(rec.contentItems).toHaveLength(2);
    const [graded, plain] = rec.created;
    expect(graded!.lineItemId).toBeDefined();
    expect(plain!.lineItemId).toBeUndefined();

    const link = f.platform.resourceLinks.get(graded!.resourceLinkId)!;
    expect(link).toMatchObject({ courseId: 'math-6', title: 'Equivalent fractions set', url: `${TOOL_ORIGIN}/lti/launch?activity=eq-fractions` });
    const [li] = f.platform.lineItemsIn('math-6').filter((x) => x.resourceLinkId === link.id);
    expect(li).toMatchObject({ label: 'Equivalent fractions', scoreMaximum: 12, resourceId: 'eq-fractions', tag: 'practice' });

    // Launching the new link: its URL is the target, custom parameters are substituted.
    const login = f.platform.loginInitiationParams({ userSub: 'stu-ana', resourceLinkId: link.id });
    expect(login.target_link_uri).toBe(`${TOOL_ORIGIN}/lti/launch?activity=eq-fractions`);
    const claims = f.platform.buildClaims({ userSub: 'stu-ana', nonce: 'n2', resourceLinkId: link.id });
    expect(claims[CLAIM.resourceLink]).toEqual({ id: link.id, title: 'Equivalent fractions set' });
    expect(claims[CLAIM.custom]).toEqual({ activity: 'eq-fractions', learner: 'stu-ana', course: 'Grade 6 Math' });
    expect((claims[CLAIM.agsEndpoint] as { lineitem: string }).lineitem).toBe(f.platform.lineItemUrl(li!));
  });

  it('accepts an empty selection', async () => {
    await post(await deepLinkingResponse(f, dlSettings(), [])).expect(200);
    expect(f.platform.deepLinkReturns.at(-1)).toMatchObject({ ok: true, created: [] });
  });

  const item = { type: 'ltiResourceLink', title: 'x' };
  it.each<[string, () => Promise<string>, RegExp]>([
    ['wrong iss', async () => deepLinkingResponse(f, dlSettings(), [item], { iss: 'other-client' }), /iss/],
    ['wrong aud', async () => deepLinkingResponse(f, dlSettings(), [item], { aud: 'https://other.example' }), /aud/],
    ['no nonce', async () => deepLinkingResponse(f, dlSettings(), [item], { nonce: undefined }), /nonce/],
    ['wrong message_type', async () => deepLinkingResponse(f, dlSettings(), [item], { [CLAIM.messageType]: 'LtiResourceLinkRequest' }), /message_type/],
    ['wrong version', async () => deepLinkingResponse(f, dlSettings(), [item], { [CLAIM.version]: '1.1' }), /version/],
    ['wrong deployment_id', async () => deepLinkingResponse(f, dlSettings(), [item], { [CLAIM.deploymentId]: 'dep-x' }), /deployment_id/],
    ['data not echoed', async () => deepLinkingResponse(f, {}, [item]), /data/],
    ['data never issued', async () => deepLinkingResponse(f, { data: 'forged' }, [item]), /data was not issued/],
    ['a content type not accepted', async () => deepLinkingResponse(f, dlSettings(), [{ type: 'html', html: '<p>x</p>' }]), /accept_types/],
    ['a url off the tool domain', async () => deepLinkingResponse(f, dlSettings(), [{ ...item, url: 'https://evil.example/x' }]), /domain/],
    ['a bad lineItem', async () => deepLinkingResponse(f, dlSettings(), [{ ...item, lineItem: { scoreMaximum: 0 } }]), /scoreMaximum/],
    ['non-string custom values', async () => deepLinkingResponse(f, dlSettings(), [{ ...item, custom: { n: 3 } }]), /custom\.n/],
    [
      'a bad signature',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const good = await deepLinkingResponse(f, dlSettings(), [item]);
        const payload = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString());
        return signAsTool(f.tool, payload, { kid: f.tool.current.kid, privateKey });
      },
      /signature/,
    ],
  ])('rejects a response with %s (400 page, reason recorded)', async (_name, make, why) => {
    const links = f.platform.resourceLinks.size;
    const res = await post(await make()).expect(400);
    expect(res.text).toContain('<h1>Content not added</h1>');
    expect(res.text).toMatch(why);
    const rec = f.platform.deepLinkReturns.at(-1)!;
    expect(rec.ok).toBe(false);
    expect(rec.reason).toMatch(why);
    expect(f.platform.resourceLinks.size).toBe(links);
  });

  it('rejects a second answer to the same request and a missing JWT', async () => {
    const settings = dlSettings();
    await post(await deepLinkingResponse(f, settings, [])).expect(200);
    const again = await post(await deepLinkingResponse(f, settings, [])).expect(400);
    expect(again.text).toContain('already answered');
    const none = await request(f.app).post('/lms/deep-link-return').type('form').send({}).expect(400);
    expect(none.text).toContain('JWT form parameter is required');
  });
});
