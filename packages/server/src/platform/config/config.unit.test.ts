import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: 127.0.0.1:3000, embedded data in ./.keystone', () => {
    const config = loadConfig({ INIT_CWD: '/srv/app' });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, path.resolve('/srv/app', '.keystone'));
    assert.deepEqual(config.corsOrigins, []);
  });

  it('reads PORT, HOST, DATABASE_URL, KEYSTONE_DATA_DIR and CORS origins', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/keystone',
      KEYSTONE_DATA_DIR: '/var/lib/keystone',
      KEYSTONE_CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databaseUrl, 'postgres://u@db:5432/keystone');
    assert.equal(config.dataDir, '/var/lib/keystone');
    assert.deepEqual(config.corsOrigins, ['https://a.example', 'https://b.example']);
  });

  for (const [variable, value] of [
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['KEYSTONE_MASTER_KEY', 'too-short'],
    ['KEYSTONE_CORS_ORIGINS', 'not a url'],
    ['LOG_LEVEL', 'loud'],
  ] as const) {
    it(`rejects ${variable}=${value} with one line naming it`, () => {
      assert.throws(
        () => loadConfig({ [variable]: value }),
        (error: Error) => {
          assert.ok(error instanceof ConfigError);
          assert.ok(error.message.startsWith(`invalid configuration: ${variable} `), error.message);
          assert.ok(!error.message.includes('\n'));
          return true;
        },
      );
    });
  }

  it('never echoes a secret or URL value back in the error', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://admin:hunter2@db' }),
      (error: Error) => !error.message.includes('hunter2'),
    );
  });
});
