// A real OpenID Connect issuer (oidc-provider) for the API and console tests of Vault:Identity:Mode=EntraId.
//
// It is laid out like Microsoft Entra ID, so that Microsoft.Identity.Web validates its tokens exactly as it
// validates Entra's, with no test switch in the API:
//   - one issuer per tenant at https://127.0.0.1:PORT/{tenant id}/v2.0 (AzureAd:Instance + TenantId + "/v2.0"),
//     each serving discovery (/.well-known/openid-configuration), its JWKS and a token endpoint;
//   - every tenant signs with the same keys, as Entra does, so only the issuer check tells tenants apart;
//   - access tokens are RS256 JWTs (resource indicators, accessTokenFormat 'jwt') with aud = the API's client id
//     (asked for as resource api://{client id}), ver 2.0, tid, roles, org and the persona's sub.
// A persona is a confidential client whose client-credentials token stands in for a user's: it carries the
// persona's sub, roles and org (in Entra: the user's app role assignments and the org claims-mapping policy).
// A web client signs users in through a browser (authorization code with PKCE, required for every client here;
// oidc-provider's development login form: any password, the login name is the user); a user's ID token carries sub,
// tid, ver, org and roles, the claims a persona's access token carries, as Entra's ID and access tokens for one app do.
//
// usage: node tests/oidc-issuer/issuer.mjs CONFIG.json
//   CONFIG: { tlsKey, tlsCert (PEM paths), tenants: [tid...], apis: [{ resource, audience }],
//             personas: [{ clientId, clientSecret, sub, org, roles: [...], backdateSeconds? }],
//             webClients?: [{ clientId, clientSecret, redirectUris: [...], postLogoutRedirectUris: [...] }],
//             users?: [{ login, org, roles: [...] }] }
//   backdateSeconds moves iat and exp of the persona's tokens into the past: an expired token, still genuinely
//   issued and signed by the issuer.
// It listens on 127.0.0.1 at a port the system picks, over HTTPS with the certificate it is given, and prints
// protocol lines on stdout as JSON with an "event" field (other lines may be oidc-provider notices):
//   {"event":"ready","origin":"https://127.0.0.1:PORT","kid":"..."}
// Commands, one per line on stdin:
//   rotate  a new signing key is published first in the JWKS (the old one stays) and signs from now on;
//           answers {"event":"rotated","kid":"..."}
// It exits when stdin closes, so it never outlives the test process that started it.
import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import * as readline from 'node:readline';

import Provider, { errors } from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const personas = new Map(config.personas.map((p) => [p.clientId, p]));
const apis = new Map(config.apis.map((a) => [a.resource, a]));
const users = new Map((config.users ?? []).map((u) => [u.login, u]));
const cookieKeys = [crypto.randomBytes(32).toString('base64url')];

const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

function newSigningKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
}

// Newest first: oidc-provider signs with the first key that fits RS256, and publishes them all.
let signingKeys = [newSigningKey()];

function tenantIssuer(origin, tid) {
  const provider = new Provider(`${origin}/${tid}/v2.0`, {
    clients: [
      ...config.personas.map((p) => ({
        client_id: p.clientId,
        client_secret: p.clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      ...(config.webClients ?? []).map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: c.redirectUris,
        post_logout_redirect_uris: c.postLogoutRedirectUris,
        token_endpoint_auth_method: 'client_secret_post',
      })),
    ],
    // The development login form: a user is whoever types a login the config knows (any password).
    findAccount: (_ctx, id) => {
      const user = users.get(id);
      return user && {
        accountId: id,
        claims: () => ({ sub: id, tid, ver: '2.0', org: user.org, roles: user.roles }),
      };
    },
    claims: { openid: ['sub', 'tid', 'ver', 'org', 'roles'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    jwks: { keys: signingKeys },
    cookies: { keys: cookieKeys },
    features: {
      devInteractions: { enabled: users.size > 0 },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => false,
        getResourceServerInfo: (_ctx, resource) => {
          const api = apis.get(resource);
          if (!api) {
            throw new errors.InvalidTarget();
          }
          return {
            scope: '',
            audience: api.audience,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: { ClientCredentials: 600 },
    extraTokenClaims: (_ctx, token) => {
      const persona = personas.get(token.clientId);
      return persona ? { tid, ver: '2.0', org: persona.org, roles: persona.roles } : { tid, ver: '2.0' };
    },
    formats: {
      customizers: {
        jwt: (_ctx, token, jwt) => {
          const persona = personas.get(token.clientId);
          if (!persona) {
            return;
          }
          jwt.payload.sub = persona.sub;
          if (persona.backdateSeconds) {
            jwt.payload.iat -= persona.backdateSeconds;
            jwt.payload.exp -= persona.backdateSeconds;
          }
        },
      },
    },
  });
  provider.on('server_error', (_ctx, err) => console.error(`server_error: ${err.stack}`));
  return provider.callback();
}

let routes = new Map();
function publish(origin) {
  routes = new Map(config.tenants.map((tid) => [`/${tid}/v2.0`, tenantIssuer(origin, tid)]));
}

// Each tenant's issuer is mounted under its path, as Express would mount it: oidc-provider reads the mount
// path from originalUrl and builds every URL in its discovery document under it.
const server = https.createServer({
  key: readFileSync(config.tlsKey),
  cert: readFileSync(config.tlsCert),
}, (req, res) => {
  const path = req.url.split('?')[0];
  for (const [prefix, callback] of routes) {
    if (path === prefix || path.startsWith(`${prefix}/`)) {
      req.originalUrl = req.url;
      req.url = req.url.slice(prefix.length) || '/';
      callback(req, res);
      return;
    }
  }
  res.writeHead(404).end();
});

server.listen(0, '127.0.0.1', () => {
  const origin = `https://127.0.0.1:${server.address().port}`;
  publish(origin);
  emit({ event: 'ready', origin, kid: signingKeys[0].kid });

  const commands = readline.createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    if (line.trim() === 'rotate') {
      signingKeys = [newSigningKey(), ...signingKeys];
      publish(origin);
      emit({ event: 'rotated', kid: signingKeys[0].kid });
    } else {
      emit({ event: 'error', message: `unknown command: ${line}` });
    }
  });
  commands.on('close', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
});
