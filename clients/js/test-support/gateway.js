// Starts the real gateway (the Release build ./test.sh makes) on 127.0.0.1 for the Node and browser suites.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const gatewayDll = path.join(repositoryRoot, 'src/Signaling.Gateway/bin/Release/net10.0/Signaling.Gateway.dll');
export const signingKey = 'client-tests-signing-key-0123456789abcdef';

/** The vendor apps the test gateway accepts credentials of (set on it in #launch). */
export const tencent = { sdkAppId: 1400000077, secretKey: 'client-tests-tencent-secret' };
export const agora = { appId: 'client-tests-agora-app', certificate: 'client-tests-agora-certificate' };
export const nim = {
  appKey: 'client-tests-nim-app-key',
  appSecret: 'client-tests-nim-app-secret',
  /**
   * A NIM dynamic token, as the app's server mints it: base64 of {signature, curTime, ttl}, signature =
   * sha1(appKey + accid + curTime + ttl + appSecret) (reference A.7). @param {string} accid
   */
  token: (accid, ttl = 3600) => {
    const curTime = Date.now();
    const signature = createHash('sha1').update(`${nim.appKey}${accid}${curTime}${ttl}${nim.appSecret}`).digest('hex');
    return Buffer.from(JSON.stringify({ signature, curTime, ttl })).toString('base64');
  },
};
export const openim = {
  secret: 'client-tests-openim-secret',
  /** An OpenIM v3 token (HS256 JWT with UserID and PlatformID), as the app's OpenIM server mints it. @param {string} userID */
  token: (userID, platformID = 5) => jwt({ UserID: userID, PlatformID: platformID, exp: Math.floor(Date.now() / 1000) + 3600, nbf: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) }, openim.secret),
};

/** A free port on 127.0.0.1, so a restarted gateway can come back at the same address. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

export class Gateway {
  /** @param {number} port @param {string} databasePath @param {Record<string, string>} settings */
  constructor(port, databasePath, settings) {
    this.port = port;
    this.databasePath = databasePath;
    this.settings = settings;
    this.url = `http://127.0.0.1:${port}`;
    /** @type {import('node:child_process').ChildProcess | undefined} */
    this.process = undefined;
    this.output = '';
  }

  /** @param {Record<string, string>} [settings] extra configuration, as environment variables */
  static async start(settings = {}) {
    if (!existsSync(gatewayDll)) {
      throw new Error(`${gatewayDll} is missing: build first (dotnet build -c Release, or ./test.sh).`);
    }
    const folder = mkdtempSync(path.join(tmpdir(), 'signaling-js-'));
    const gateway = new Gateway(await freePort(), path.join(folder, 'gateway.db'), settings);
    await gateway.#launch();
    return gateway;
  }

  async #launch() {
    this.process = spawn('dotnet', [gatewayDll], {
      env: {
        ...process.env,
        ASPNETCORE_ENVIRONMENT: 'Development',
        Urls: this.url,
        Storage__Sqlite__Path: this.databasePath,
        Auth__SigningKey: signingKey,
        Adapters__Tencent__SdkAppId: String(tencent.sdkAppId),
        Adapters__Tencent__SecretKey: tencent.secretKey,
        Adapters__OpenIM__Secret: openim.secret,
        Adapters__Nim__AppKey: nim.appKey,
        Adapters__Nim__AppSecret: nim.appSecret,
        Adapters__Agora__AppId: agora.appId,
        Adapters__Agora__AppCertificate: agora.certificate,
        Logging__LogLevel__Default: 'Warning',
        Streams__HeartbeatInterval: '00:00:02',
        ...this.settings,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout?.on('data', (chunk) => (this.output += chunk));
    this.process.stderr?.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        // Ready, not merely live: what a load balancer waits for before sending calls.
        if ((await fetch(`${this.url}/readyz`)).ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The gateway did not become ready:\n${this.output}`);
  }

  /** kill -9: no goodbye to anyone, nothing flushed beyond what was acknowledged. */
  async kill() {
    const exited = new Promise((resolve) => this.process?.once('exit', resolve));
    this.process?.kill('SIGKILL');
    await exited;
  }

  /** Starts again on the same port and database. */
  async restart() {
    await this.#launch();
  }

  async stop() {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process?.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
  }
}

/**
 * A /v1 token signed with the key the test gateway runs with.
 * @param {string} userId
 * @param {{ deviceId?: string, lifetimeSeconds?: number }} [options] a negative lifetime makes an expired token
 */
export function token(userId, { deviceId, lifetimeSeconds = 3600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return jwt({
    sub: userId, ...(deviceId ? { did: deviceId } : {}), iss: 'signaling-gateway', iat: now, nbf: Math.min(now, now + lifetimeSeconds), exp: now + lifetimeSeconds,
  }, signingKey);
}

/** An HS256 JWT. @param {object} claims @param {string} key */
function jwt(claims, key) {
  const encode = (/** @type {object} */ value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/**
 * A Tencent UserSig (TLSSigAPIv2) for the test app, as an app's server mints them.
 * @param {string} userId
 */
export function userSig(userId) {
  const time = Math.floor(Date.now() / 1000);
  const expire = 86400;
  const content = `TLS.identifier:${userId}\nTLS.sdkappid:${tencent.sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  const sig = createHmac('sha256', tencent.secretKey).update(content).digest('base64');
  const json = JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': userId, 'TLS.sdkappid': tencent.sdkAppId, 'TLS.expire': expire, 'TLS.time': time, 'TLS.sig': sig });
  return deflateSync(Buffer.from(json)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

/**
 * An Agora Signaling 1.x SignalingToken for the test project: 1:appId:expiredTs:md5(account + appId + certificate + expiredTs).
 * @param {string} account
 */
export function signalingToken(account) {
  const expiredTs = Math.floor(Date.now() / 1000) + 3600;
  return `1:${agora.appId}:${expiredTs}:${createHash('md5').update(`${account}${agora.appId}${agora.certificate}${expiredTs}`).digest('hex')}`;
}

/** A user name no other test uses. @param {string} name */
export const unique = (name) => `${name}-${Math.random().toString(36).slice(2, 8)}`;
