import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the provider says about a person in their ID token. */
export interface ProviderPerson {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The people who can sign in at the provider, by subject; tests change them between sign-ins. */
  people: Map<string, ProviderPerson>;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (npm oidc-provider) on a random local port, with one confidential client registered for
 * `redirectUri`. Its development login form takes any subject; `people` decides the claims. The ID token carries
 * the e-mail claims itself, as a region's Keycloak does with its default «email» client scope.
 */
export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map<string, ProviderPerson>();
  const clientId = 'orbita';
  const clientSecret = 'orbita-test-secret';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_context, subject) => ({ accountId: subject, claims: () => ({ sub: subject, ...people.get(subject) }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['orbita-test-provider-cookie-key'] },
    pkce: { required: () => true },
    // Explicit lifetimes keep the provider from printing a notice for each default it falls back to.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    people,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Plays the browser at the provider: opens the authorisation address, signs in as `subject` in the login form,
 * grants consent, and returns the address the provider sends the browser back to (our callback with code and
 * state). With `abort`, the person cancels at the login form instead.
 */
export async function passProviderLogin(authorizationUrl: string, subject: string, options: { abort?: boolean } = {}): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let form: Record<string, string> | null = null;
  const provider = url.origin;
  for (let step = 0; step < 12; step++) {
    if (url.origin !== provider) return url;
    const response: Response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      form = null;
      continue;
    }
    const page: string = await response.text();
    const interaction = url.pathname.match(/^\/interaction\/([^/]+)$/);
    if (response.status !== 200 || !interaction) throw new Error(`the provider answered ${response.status} at ${url.pathname}: ${page.slice(0, 300)}`);
    if (options.abort) {
      url = new URL(`/interaction/${interaction[1]}/abort`, url);
      continue;
    }
    form = page.includes('name="login"') ? { prompt: 'login', login: subject, password: 'any' } : { prompt: 'consent' };
  }
  throw new Error('the provider never sent the browser back');
}
