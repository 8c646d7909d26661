/**
 * The real fetch with what a browser adds for credentialed requests: cookies kept
 * from Set-Cookie (Path and Max-Age honoured) and sent back. jsdom's environment
 * uses Node's fetch, which keeps no cookies, so cookie-mode tests give this one.
 */
export function cookieJarFetch(): {
  fetch: typeof fetch;
  cookies: Map<string, { value: string; path: string }>;
} {
  const cookies = new Map<string, { value: string; path: string }>();
  const jarFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const sent = [...cookies]
      .filter(([, cookie]) => path.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`);
    if (sent.length > 0) request.headers.set('cookie', sent.join('; '));
    const response = await fetch(request);
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const [name = '', value = ''] = pair.split('=');
      const attribute = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const maxAge = attribute('max-age');
      if (value === '' || (maxAge !== undefined && Number(maxAge) <= 0)) cookies.delete(name);
      else cookies.set(name, { value, path: attribute('path') ?? '/' });
    }
    return response;
  };
  return { fetch: jarFetch, cookies };
}
