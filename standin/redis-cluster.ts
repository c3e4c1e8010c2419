import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, redisAnswers } from './redis-server.js';

/**
 * A local Redis Cluster of our own (tests, `REDIS_CLUSTER=1 npm test`): `masters` redis-servers with
 * cluster mode on, joined by `redis-cli --cluster create`, no replicas. A killed master can be
 * started again on its port and rejoins with its slots (its nodes.conf stays in its folder).
 */
export class OwnRedisCluster {
  private readonly processes: Array<ChildProcess | undefined>;

  private constructor(
    readonly ports: number[],
    private readonly dir: string,
  ) {
    this.processes = ports.map(() => undefined);
  }

  static async start(masters = 3): Promise<OwnRedisCluster> {
    const ports: number[] = [];
    for (let n = 0; n < masters; n++) ports.push(await freePort());
    const cluster = new OwnRedisCluster(ports, mkdtempSync(join(tmpdir(), 'syllabot-cluster-')));
    for (let n = 0; n < masters; n++) await cluster.resume(n);
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    await cluster.waitUntilOk();
    return cluster;
  }

  /** The nodes as REDIS_URL takes them: comma-separated. */
  get url(): string {
    return this.ports.map((p) => `redis://127.0.0.1:${p}`).join(',');
  }

  async resume(index: number): Promise<void> {
    const port = this.ports[index]!;
    const dir = join(this.dir, String(port));
    spawnSync('mkdir', ['-p', dir]);
    this.processes[index] = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; !(await redisAnswers(`redis://127.0.0.1:${port}`)); attempt++) {
      if (attempt > 100) throw new Error(`cluster node ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async kill(index: number): Promise<void> {
    const child = this.processes[index];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }

  /** Waits until every node reports the cluster healthy (all slots served). */
  async waitUntilOk(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(
        this.ports.map(async (port) => {
          const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
          node.on('error', () => {});
          try {
            await node.connect();
            return /cluster_state:ok/.test(String(await node.cluster('INFO')));
          } catch {
            return false;
          } finally {
            node.disconnect();
          }
        }),
      );
      if (states.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error('the cluster did not become healthy');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async destroy(): Promise<void> {
    for (let n = 0; n < this.ports.length; n++) await this.kill(n);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
