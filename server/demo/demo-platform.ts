// The built-in demo LMS: the same simulated platform the tests use, mounted at /demo-lms
// and registered with Trellis at start, so a newcomer can click through launches with no
// real LMS. Enabled by default only on the embedded database (DEMO=true|false overrides).
import type { Router } from 'express';
import { SimulatedPlatform } from '../../test/platform';
import type { PlatformRegistry } from '../lti/platform-registry';

export const DEMO_PATH = '/demo-lms';
export const DEMO_CLIENT_ID = 'trellis-demo-client';
export const DEMO_DEPLOYMENT_ID = 'demo-deployment-1';

export async function createDemoPlatform(publicUrl: string): Promise<{ platform: SimulatedPlatform; router: Router }> {
  const platform = await SimulatedPlatform.create({
    issuer: `${publicUrl}${DEMO_PATH}`,
    name: 'Demo LMS',
    tool: {
      clientId: DEMO_CLIENT_ID,
      deploymentId: DEMO_DEPLOYMENT_ID,
      loginUrl: `${publicUrl}/lti/login`,
      launchUrl: `${publicUrl}/lti/launch`,
      redirectUris: [`${publicUrl}/lti/launch`],
      // The demo LMS verifies what Trellis signs (deep-linking responses, service tokens).
      jwksUrl: `${publicUrl}/lti/jwks`,
    },
  });
  return { platform, router: platform.router };
}

export async function registerDemoPlatform(registry: PlatformRegistry, platform: SimulatedPlatform): Promise<void> {
  await registry.register({
    issuer: platform.issuer,
    clientId: DEMO_CLIENT_ID,
    name: 'Demo LMS',
    authLoginUrl: platform.authUrl,
    authTokenUrl: platform.tokenUrl,
    jwksUrl: platform.jwksUrl,
    deploymentIds: [DEMO_DEPLOYMENT_ID],
    registeredVia: 'demo',
  });
}
