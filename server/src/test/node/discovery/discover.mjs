// Discovers a tenant's authorization server with openid-client, as an integrator's Node backend
// would, and prints what it found as one JSON object on stdout:
//   node discover.mjs <issuer> [<refresh token>]
// {"metadata": <the discovered server metadata>, "refreshed": <the token response, if a refresh token was given>}
// With a refresh token it also uses the discovered token endpoint, as a public client (auth method none).
// Exits non-zero, with openid-client's error on stderr, when discovery or the refresh fails.
import * as client from 'openid-client';

const [issuer, refreshToken] = process.argv.slice(2);
const config = await client.discovery(new URL(issuer), 'discovery-test', undefined, client.None(), {
  algorithm: 'oauth2',                      // RFC 8414 path insertion: there is no OpenID Connect document
  execute: [client.allowInsecureRequests],  // the test server speaks plain http on the loopback; tests only
  timeout: 10,
});
const result = { metadata: config.serverMetadata() };
if (refreshToken) {
  const tokens = await client.refreshTokenGrant(config, refreshToken);
  result.refreshed = { token_type: tokens.token_type, has_access_token: typeof tokens.access_token === 'string',
    has_refresh_token: typeof tokens.refresh_token === 'string' };
}
process.stdout.write(JSON.stringify(result));
