// panva/oidc-provider (pinned in package.json / package-lock.json) configured for the
// interop test in main.rs. Usage: node provider.js [port] [backchannel-port]
// (default 3000 and 3001, which examples/axum_relying_party.rs expects).
// SIGNING_KEYS=rsa-2,rsa-1 (names of test keys in tests/data/keys/*.pem) makes those the
// signing keys, the first one signing, all published with their names as kids; without
// it the provider uses its built-in development key.
// Prints "READY <issuer>" once listening. Talks to 127.0.0.1 only.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.argv[2] ?? 3000);
const backchannelPort = Number(process.argv[3] ?? 3001);
if (!port || !backchannelPort) {
  console.error('usage: node provider.js <port> <backchannel-port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const rp = 'http://127.0.0.1:9/cb'; // never contacted: the test reads the Location header
const backchannel = `http://127.0.0.1:${backchannelPort}/backchannel`;
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const CIBA = 'urn:openid:params:grant-type:ciba';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
// The resource indicator (RFC 8707) of the one resource server; never contacted.
const RESOURCE = 'https://rs.example/payments';

// The test keys' public halves (tests/data/keys): the private_key_jwt and Request Object
// clients registered with them sign with the matching private keys.
const testKeys = JSON.parse(readFileSync(new URL('../data/keys/public-jwks.json', import.meta.url), 'utf8'));
const publicKeys = (...kids) => ({ keys: testKeys.keys.filter((k) => kids.includes(k.kid)) });

const accounts = {
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        return { sub, name: `User ${sub}`, email: `${sub}@example.test`, email_verified: true };
      },
    };
  },
};

const configuration = {
  clients: [
    {
      // Code flow, client_secret_basic, back-channel logout.
      client_id: 'rp-basic',
      client_secret: 'rp-basic-secret',
      // The second one is examples/axum_relying_party.rs's callback.
      redirect_uris: [rp, 'http://127.0.0.1:8080/callback'],
      post_logout_redirect_uris: ['http://127.0.0.1:9/bye', 'http://127.0.0.1:8080/'],
      grant_types: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      backchannel_logout_uri: backchannel,
      backchannel_logout_session_required: true,
    },
    {
      // Code flow, client_secret_post.
      client_id: 'rp-post',
      client_secret: 'rp-post-secret',
      redirect_uris: [rp],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
    {
      // Implicit and hybrid flows need a native client for http://127.0.0.1.
      client_id: 'rp-native',
      client_secret: 'rp-native-secret',
      application_type: 'native',
      redirect_uris: [rp],
      grant_types: ['authorization_code', 'implicit'],
      response_types: ['id_token', 'code id_token'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      // Device authorization grant (RFC 8628): a public client.
      client_id: 'rp-device',
      application_type: 'native',
      redirect_uris: [],
      grant_types: [DEVICE_CODE, 'refresh_token'],
      response_types: [],
      token_endpoint_auth_method: 'none',
    },
    {
      // CIBA in poll mode (ping and push need an https notification endpoint, which
      // the provider enforces; this test talks plain http to 127.0.0.1 only).
      client_id: 'rp-ciba',
      client_secret: 'rp-ciba-secret',
      redirect_uris: [],
      grant_types: [CIBA],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
      backchannel_token_delivery_mode: 'poll',
    },
    {
      // FAPI 2.0 shape: PAR required, private_key_jwt, signed Request Objects,
      // DPoP-bound access tokens.
      client_id: 'rp-fapi',
      redirect_uris: [rp],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: publicKeys('ec-p256', 'ed25519'),
      require_pushed_authorization_requests: true,
      request_object_signing_alg: 'EdDSA',
      dpop_bound_access_tokens: true,
    },
    {
      // client_secret_jwt (HS256 with a 40-byte secret), client credentials grant.
      client_id: 'rp-secret-jwt',
      client_secret: 'rp-secret-jwt-secret-of-forty-bytes!!!!',
      redirect_uris: [rp],
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_jwt',
    },
    {
      // Request Objects by value at the authorization endpoint (RS256), Basic auth.
      client_id: 'rp-jar',
      client_secret: 'rp-jar-secret',
      redirect_uris: [rp],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      request_object_signing_alg: 'RS256',
      jwks: publicKeys('rsa-1'),
    },
    {
      // JWT-secured responses: JARM (JARM §5's default RS256), signed UserInfo and JWT
      // introspection responses (RFC 9701).
      client_id: 'rp-jwt',
      client_secret: 'rp-jwt-secret',
      redirect_uris: [rp],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      authorization_signed_response_alg: 'RS256',
      userinfo_signed_response_alg: 'RS256',
      introspection_signed_response_alg: 'RS256',
    },
    {
      // Rich Authorization Requests (RFC 9396) with a resource indicator (RFC 8707).
      client_id: 'rp-rar',
      client_secret: 'rp-rar-secret',
      redirect_uris: [rp],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      authorization_details_types: ['payment_initiation'],
    },
  ],
  findAccount: accounts.findAccount,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  scopes: ['openid', 'offline_access', 'email', 'profile'],
  features: {
    devInteractions: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    claimsParameter: { enabled: true },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    // RFC 7591 / 7592: open registration (no initial access token), then read,
    // update (the registration access token rotates) and delete.
    registration: { enabled: true },
    registrationManagement: { enabled: true },
    deviceFlow: { enabled: true },
    ciba: {
      enabled: true,
      deliveryModes: ['poll'],
      // login_hint is the account id; no user codes, no request context.
      processLoginHint: async (ctx, loginHint) => loginHint,
      processLoginHintToken: async () => {
        throw new errors.InvalidRequest('login_hint_token is not supported here');
      },
      verifyUserCode: async () => {},
      validateRequestContext: async () => {},
      // The "authentication device": the user approves 1.5 s later, so the first
      // poll sees authorization_pending.
      triggerAuthenticationDevice: async (ctx, request, account, client) => {
        setTimeout(async () => {
          const grant = new provider.Grant({ clientId: client.clientId, accountId: account.accountId });
          grant.addOIDCScope(request.scope);
          await grant.save();
          await provider.backchannelResult(request, grant);
        }, 1500);
      },
    },
    clientCredentials: { enabled: true },
    pushedAuthorizationRequests: { enabled: true },
    requestObjects: { enabled: true },
    // Every DPoP proof must carry the provider's nonce, so each flow goes through the
    // use_dpop_nonce round (RFC 9449 §8, §9).
    dPoP: { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true },
    jwtResponseModes: { enabled: true },
    jwtUserinfo: { enabled: true },
    jwtIntrospection: { enabled: true },
    // One resource server; the interop test asks for it by its indicator.
    resourceIndicators: {
      enabled: true,
      getResourceServerInfo: async (ctx, indicator) => {
        if (indicator !== RESOURCE) throw new errors.InvalidTarget();
        return { scope: 'payments', audience: RESOURCE, accessTokenFormat: 'opaque' };
      },
    },
    // One RAR type (RFC 9396 §2's running example); the consent grants what was asked,
    // and the tokens and their introspection carry it.
    richAuthorizationRequests: {
      enabled: true,
      types: {
        payment_initiation: {
          validate(ctx, detail) {
            if (typeof detail.instructedAmount !== 'object' || detail.instructedAmount === null) {
              throw new errors.InvalidAuthorizationDetails('payment_initiation needs an instructedAmount');
            }
          },
        },
      },
      authorizationDetailsForGrantSource: async (ctx) => ctx.oidc.grant.rar,
      authorizationDetailsForAccessToken: async (ctx, token, source) => source?.rar,
      authorizationDetailsForIntrospection: async (ctx, token) => token.rar,
    },
  },
  // Registration keeps only the members it knows: a localized client_name too.
  extraClientMetadata: { properties: ['client_name#ja-Jpan-JP'] },
  issueRefreshToken: async () => true,
  // The default fetch refuses special-use addresses (an SSRF guard); the back-channel
  // logout goes to the test's loopback listener, and nowhere else.
  fetch: (url, options) => {
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1') {
      throw new Error(`interop provider only talks to 127.0.0.1, not ${target.hostname}`);
    }
    delete options.dispatcher;
    return globalThis.fetch(url, options);
  },
  ttl: { AccessToken: 600, IdToken: 600, AuthorizationCode: 60, RefreshToken: 3600, Session: 3600, Interaction: 600, Grant: 3600 },
};

// The test keys of tests/data/keys, as private JWKs (node's crypto converts the PEM).
const signingKeys = process.env.SIGNING_KEYS;
if (signingKeys) {
  configuration.jwks = {
    keys: signingKeys.split(',').map((name) => {
      if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`not a test key name: ${name}`);
      const pem = readFileSync(new URL(`../data/keys/${name}.pem`, import.meta.url));
      return { ...createPrivateKey(pem).export({ format: 'jwk' }), kid: name, use: 'sig' };
    }),
  };
}

const provider = new Provider(issuer, configuration);

// RFC 8693 token exchange (oidc-provider has none built in): an access token of this
// provider is exchanged for a new one with the same grant, for one audience; an
// unknown audience is invalid_target.
provider.registerGrantType(TOKEN_EXCHANGE, async (ctx) => {
  const { params, client } = ctx.oidc;
  if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest('unsupported subject_token_type');
  }
  const subject = await provider.AccessToken.find(params.subject_token);
  if (!subject || subject.clientId !== client.clientId) {
    throw new errors.InvalidGrant('subject_token is invalid');
  }
  const audience = params.audience;
  if (audience && audience !== 'urn:example:cooperation-context') {
    throw new errors.InvalidTarget('unknown audience');
  }
  const token = new provider.AccessToken({
    accountId: subject.accountId,
    client,
    grantId: subject.grantId,
    scope: subject.scope,
    gty: 'token_exchange',
  });
  const value = await token.save();
  ctx.body = {
    access_token: value,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: 'Bearer',
    expires_in: token.expiration,
  };
}, ['subject_token', 'subject_token_type', 'audience', 'requested_token_type']);
// The JWK Set says how long it may be cached (the RP's key cache honours it).
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/jwks') {
    ctx.set('cache-control', 'public, max-age=300');
  }
});
provider.listen(port, '127.0.0.1', () => {
  console.log(`READY ${issuer}`);
});
