import { startTestApp, type TestApp } from './test-app.ts';
import { startTestSmtp, type TestSmtp } from './test-smtp.ts';

/** A test app whose mail goes over SMTP to an in-process listener the test reads. */
export type MailTestApp = TestApp & { smtp: TestSmtp };

export async function startMailTestApp(env: Record<string, string> = {}): Promise<MailTestApp> {
  const smtp = await startTestSmtp();
  const t = await startTestApp({ env: { SMTP_URL: smtp.url, ...env } });
  return {
    ...t,
    smtp,
    async close() {
      await t.close();
      await smtp.close();
    },
  };
}
