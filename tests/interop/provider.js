// panva/oidc-provider (pinned in package.json / package-lock.json) configured for the
// interop test in main.rs. Usage: node provider.js [port] [backchannel-port]
// (default 3000 and 3001, which examples/axum_relying_party.rs expects).
// SIGNING_KEYS=rsa-2,rsa-1 (names of test keys in tests/data/keys/*.pem) makes those the
// signing keys, the first one signing, all published with their names as kids; without
// it the provider uses its built-in development key.
// Prints "READY <issuer>" once listening. Talks to 127.0.0.1 only.
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 3000);
const backchannelPort = Number(process.argv[3] ?? 3001);
if (!port || !backchannelPort) {
  console.error('usage: node provider.js <port> <backchannel-port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const rp = 'http://127.0.0.1:9/cb'; // never contacted: the test reads the Location header
const backchannel = `http://127.0.0.1:${backchannelPort}/backchannel`;

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
      post_logout_redirect_uris: ['http://127.0.0.1:9/bye'],
      grant_types: ['authorization_code', 'refresh_token'],
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
  },
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
