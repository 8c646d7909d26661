import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { OPERATOR_KEY_KIND } from '../auth/operator-keys.ts';
import { issueSecret } from '../crypto/secret-hash.ts';

describe('development outbox routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await t.app.mailer.send({
      to: 'mallory@example.com',
      subject: '<script>alert("subject")</script> & <b>bold</b>',
      text:
        'Code: 555123\n<img src=x onerror=alert(1)>\n' +
        'Reset: https://app.example.com/reset?token=ks_link_x&a=1.\n' +
        'Not a link: javascript:alert(2)',
      html: '<script>alert("html part")</script>',
    });
  });
  after(() => t?.close());

  const page = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/dev/outbox${query}`, headers });

  it('renders kept mail as a page, everything from the mail escaped, links clickable', async () => {
    const res = await page(`?key=${t.operatorKey}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const html = res.body;
    assert.doesNotMatch(html, /<script|<img|<b>bold/i, 'no markup from the mail survives');
    assert.ok(
      html.includes('&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'),
    );
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(
      html.includes('&lt;script&gt;alert(&quot;html part&quot;)&lt;/script&gt;'),
      'the HTML part as source',
    );
    assert.ok(html.includes('Code: 555123'));
    // The sentence's full stop is not part of the link; & is escaped inside the attribute.
    assert.ok(
      html.includes(
        '<a href="https://app.example.com/reset?token=ks_link_x&amp;a=1" rel="noreferrer noopener">',
      ),
    );
    assert.equal((html.match(/<a /g) ?? []).length, 1, 'only the http(s) URL is a link');
  });

  it('serves the page under its own strict CSP: no script at all, its one stylesheet allowed by hash', async () => {
    const res = await page('', t.operator);
    assert.equal(res.statusCode, 200, res.body);
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline|unsafe-eval|https?:|\*/);
    const styles = [...res.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] as string);
    assert.equal(styles.length, 1);
    const hash = createHash('sha256')
      .update(styles[0] as string)
      .digest('base64');
    assert.match(csp, new RegExp(`style-src 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`));
    assert.equal(res.headers['referrer-policy'], 'no-referrer', 'the ?key= never leaves in a Referer');
  });

  it('filters the page by recipient', async () => {
    await t.app.mailer.send({ to: 'trent@example.com', subject: 'for trent', text: 'hi' });
    const res = await page(`?key=${t.operatorKey}&to=trent@example.com`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes('for trent'));
    assert.ok(!res.body.includes('mallory@example.com'));
  });

  it('lets only an operator read the page: the key as X-Keystone-Key or ?key=', async () => {
    const unknownKey = issueSecret(OPERATOR_KEY_KIND).plaintext;
    const refusals: Array<[string, Record<string, string>]> = [
      ['', {}],
      ['?key=', {}],
      ['?key=not-a-key', {}],
      [`?key=${unknownKey}`, {}],
      ['', { 'x-keystone-key': unknownKey }],
      [`?key=${t.operatorKey}`, { 'x-keystone-key': unknownKey }],
    ];
    for (const [query, headers] of refusals) {
      const res = await page(query, headers);
      assert.equal(res.statusCode, 401, `${query} ${JSON.stringify(headers)}`);
      assert.equal(res.json().code, 'unauthenticated');
      assert.doesNotMatch(res.body, /mallory|555123/);
    }
  });

  it('takes the key on the page only: the JSON route wants the header', async () => {
    const viaQuery = await t.app.inject({ method: 'GET', url: `/dev/outbox/messages?key=${t.operatorKey}` });
    assert.equal(viaQuery.statusCode, 401);
    const anonymous = await t.app.inject({ method: 'GET', url: '/dev/outbox/messages' });
    assert.equal(anonymous.statusCode, 401);
    const operator = await t.app.inject({ method: 'GET', url: '/dev/outbox/messages', headers: t.operator });
    assert.equal(operator.statusCode, 200);
    assert.ok(operator.json().data.some((m: { to: string }) => m.to === 'mallory@example.com'));
  });

  it('validates its query like every route', async () => {
    const res = await page('?to=not-an-address', t.operator);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'validation_failed');
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/dev/outbox/messages?x=1',
      headers: t.operator,
    });
    assert.equal(unknown.statusCode, 400);
  });
});
