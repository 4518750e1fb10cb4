/**
 * The cluster layout of this folder (README.md) run on one engine: each shard a database,
 * a table on every node a table in each of them, a `Distributed` table a view over the
 * shards' `_local` tables with `_shard_num`, and an INSERT through it each row placed on
 * shard `key % N`, as a Distributed table with equal weights places it. The statements are
 * the ones a cluster would run, in the order of README.md, "Which step runs where"; only
 * ingest (s3Cluster, postgresql()) is replaced, by landing the staged tables of a
 * single-node build. What is simulated is placement and which rows each statement sees;
 * replication, Keeper and the network are not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSteps, splitStatements, STEP_FILE, type Engine, type Params } from '../src/index.js';

export const CLUSTER_DIR = fileURLToPath(new URL('./', import.meta.url));

const CROSS_SHARD_FILE = 'cross-shard.sql';

/**
 * The run order of README.md's table: a step of ../sql/ (its statements made cluster
 * statements, see `clusterStatement`) or the statements of cross-shard.sql whose comment
 * names that part. 01 ingest is not in it: `simulateCluster` lands the sources instead.
 */
const PLAN = [
  { crossShard: '01 route' },
  { crossShard: '02' },
  { step: '03' },
  { step: '04' },
  { step: '05' },
  { crossShard: '06a' },
  { step: '06' },
  { step: '07' },
  { step: '08' },
  { crossShard: '05 merge' },
  { crossShard: '07 merge' },
  { crossShard: '08 merge' },
] as const;

/** A MergeTree table of the layout: on each shard (`_local`, its own rows) or on every node (the same rows). */
interface StoredTable {
  name: string;
  onEveryNode: boolean;
  /** Its CREATE TABLE for one node, with `{db:Identifier}`. */
  ddl: string;
}

interface DistributedTable {
  name: string;
  /** The column list as declared, which must be its `_local` table's. */
  columns: string;
  local: string;
  /** The sharding key; a table without one (the metric parts) cannot be inserted into. */
  key: string | null;
}

/** A statement with the file it comes from, for messages. */
interface Statement {
  file: string;
  sql: string;
}

export interface ClusterSql {
  stored: StoredTable[];
  distributed: DistributedTable[];
  /** The INSERTs written out in a step's cluster file, where ../sql/'s statement needs more than item 1 of README.md. */
  written: Map<string, Statement>;
  /** cross-shard.sql's statements, each with the part its comment names ("01 route", "06a", "05 merge"). */
  crossShard: (Statement & { part: string })[];
  /** The cluster files `01_…` to `08_…`: the steps of ../sql/ of the same names are laid out. */
  laidOut: string[];
}

/** Reads the DDL and statements of this folder: `01_…` to `08_…` and cross-shard.sql. */
export function readClusterSql(dir = CLUSTER_DIR): ClusterSql {
  const sql: ClusterSql = { stored: [], distributed: [], written: new Map(), crossShard: [], laidOut: [] };
  const files = readdirSync(dir).filter((f) => STEP_FILE.test(f) && !f.startsWith('00_') && !f.startsWith('09_'));
  sql.laidOut = files;
  for (const file of files) {
    for (const statement of splitStatements(readFileSync(`${dir}/${file}`, 'utf8'))) {
      const code = withoutComments(statement);
      if (code.startsWith('CREATE TABLE')) addTable(sql, file, code);
      else if (code.startsWith('INSERT INTO')) sql.written.set(insertTarget(statement, `cluster/${file}`), { file: `cluster/${file}`, sql: statement });
      else throw new Error(`cluster/${file}: a statement that is neither a CREATE TABLE nor an INSERT:\n${code.slice(0, 200)}`);
    }
  }
  for (const statement of splitStatements(readFileSync(`${dir}/${CROSS_SHARD_FILE}`, 'utf8'))) {
    const part = /^-- (\d\d[a-z]?(?: [a-z]+)?), (?:per shard|once)/m.exec(statement)?.[1];
    if (!part) throw new Error(`cluster/${CROSS_SHARD_FILE}: every statement's comment starts with its part and where it runs ("-- 06a, per shard"):\n${statement.slice(0, 300)}`);
    sql.crossShard.push({ file: `cluster/${CROSS_SHARD_FILE}`, sql: statement, part });
  }
  return sql;
}

function addTable(sql: ClusterSql, file: string, code: string): void {
  const head = /^CREATE TABLE \{db:Identifier\}\.(\w+) ON CLUSTER '\{cluster\}' \(/.exec(code);
  const engineAt = code.lastIndexOf(') ENGINE = ');
  if (!head || engineAt < 0) throw new Error(`cluster/${file}: cannot read the table of:\n${code.slice(0, 200)}`);
  const name = head[1]!;
  const columns = code.slice(head[0].length, engineAt).trim();
  const call = /^(\w+)\(/.exec(code.slice(engineAt + ') ENGINE = '.length))!;
  const argsAt = engineAt + ') ENGINE = '.length + call[0].length;
  const args = topLevelArguments(code, argsAt);
  const rest = code.slice(args.end + 1);
  if (call[1] === 'Distributed') {
    sql.distributed.push({ name, columns, local: args.list[2]!, key: args.list[3] ?? null });
  } else if (call[1] === 'ReplicatedMergeTree') {
    // README.md, "Layout": a Keeper path under /all/ makes every node a replica.
    const onEveryNode = args.list[0]!.includes('/all/');
    sql.stored.push({ name, onEveryNode, ddl: `CREATE TABLE {db:Identifier}.${name} (${columns}) ENGINE = MergeTree${rest}` });
  } else {
    throw new Error(`cluster/${file}: ${name} has engine ${call[1]}, neither ReplicatedMergeTree nor Distributed.`);
  }
}

/** The comma-separated arguments of the call whose `(` ends just before `from`, and where its `)` is. */
function topLevelArguments(text: string, from: number): { list: string[]; end: number } {
  const list: string[] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if ((c === ',' || c === ')') && depth === 0) {
      list.push(text.slice(start, i).trim());
      start = i + 1;
      if (c === ')') return { list, end: i };
    }
  }
  throw new Error(`Unbalanced parentheses in:\n${text.slice(0, 200)}`);
}

function withoutComments(statement: string): string {
  return statement
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .trim();
}

function insertTarget(statement: string, file: string): string {
  const target = /^INSERT INTO \{db:Identifier\}\.(\w+)/m.exec(statement)?.[1];
  if (!target) throw new Error(`${file}: an INSERT that does not write a {db:Identifier} table:\n${statement.slice(0, 200)}`);
  return target;
}

/**
 * Item 1 of README.md, "Changes to our SQL": a step's `CREATE TABLE … AS SELECT` becomes an
 * INSERT of the same SELECT, and every table it names is read or written as the shard's
 * part (`<name>_part_local`) where the layout has one, else as `<name>_local` where the table
 * is sharded, else by its name (a table on every node).
 */
function clusterStatement(statement: string, stored: ReadonlySet<string>): { target: string; sql: string } {
  const created = /^CREATE TABLE \{db:Identifier\}\.(\w+)\s*\nENGINE = [^\n]* AS\n/m.exec(statement);
  if (!created) throw new Error(`Not a CREATE TABLE … AS SELECT:\n${statement.slice(0, 300)}`);
  const onShard = (name: string) => [`${name}_part_local`, `${name}_local`].find((n) => stored.has(n)) ?? name;
  const target = onShard(created[1]!);
  const body = statement.slice(created.index + created[0].length).replace(/\{db:Identifier\}\.(\w+)/g, (_, name: string) => `{db:Identifier}.${onShard(name)}`);
  return { target, sql: `${statement.slice(0, created.index)}INSERT INTO {db:Identifier}.${target}\n${body}` };
}

/**
 * Builds the cluster's tables for `shardCount` shards in databases named `<prefix>_s<n>`, lands
 * the staged tables of the single-node build `staged` (the sources as 01 ingest would read
 * them), then runs every step. Tables ../sql/ stages that the layout lacks are not landed.
 * Returns the shards' databases, shard 1 first; each is also a node a reader may ask.
 */
export async function simulateCluster(engine: Engine, options: { prefix: string; shardCount: number; staged: string }): Promise<string[]> {
  const shards = Array.from({ length: options.shardCount }, (_, i) => `${options.prefix}_s${i + 1}`);
  const cluster = new Simulation(engine, shards, readClusterSql());
  await cluster.create();
  await cluster.land(options.staged);
  await cluster.runPlan();
  return shards;
}

class Simulation {
  private readonly stored: Map<string, StoredTable>;
  private readonly distributed: Map<string, DistributedTable>;

  constructor(
    private readonly engine: Engine,
    private readonly shards: string[],
    private readonly sql: ClusterSql,
  ) {
    this.stored = new Map(sql.stored.map((t) => [t.name, t]));
    this.distributed = new Map(sql.distributed.map((t) => [t.name, t]));
  }

  async create(): Promise<void> {
    for (const db of this.shards) {
      await this.engine.command('CREATE DATABASE {db:Identifier}', { db });
      for (const table of this.stored.values()) await this.engine.command(table.ddl, { db });
    }
    for (const table of this.distributed.values()) {
      if (!this.stored.get(table.local) || this.stored.get(table.local)!.onEveryNode) {
        throw new Error(`cluster: Distributed ${table.name} is over ${table.local}, which is not a table on each shard.`);
      }
      await this.checkDeclaredColumns(table);
      const union = this.shards.map((db, i) => `SELECT *, toUInt32(${i + 1}) AS _shard_num FROM ${db}.${table.local}`).join(' UNION ALL ');
      for (const db of this.shards) await this.engine.command(`CREATE VIEW {db:Identifier}.{name:Identifier} AS ${union}`, { db, name: table.name });
    }
  }

  /** README.md, "Layout": a Distributed table has its `_local` table's columns, names and types in order. */
  private async checkDeclaredColumns(table: DistributedTable): Promise<void> {
    const db = this.shards[0]!;
    const declared = `${table.name}_declared`;
    await this.engine.command(`CREATE TABLE {db:Identifier}.{declared:Identifier} (${table.columns}) ENGINE = Memory`, { db, declared });
    const columns = (name: string) =>
      this.engine.query<{ name: string; type: string }>(
        'SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {name:String} ORDER BY position',
        { db, name },
      );
    const [mine, local] = [JSON.stringify(await columns(declared)), JSON.stringify(await columns(table.local))];
    await this.engine.command('DROP TABLE {db:Identifier}.{declared:Identifier}', { db, declared });
    if (mine !== local) throw new Error(`cluster: Distributed ${table.name} declares ${mine}, its ${table.local} has ${local}.`);
  }

  /** 01 ingest: each staged table of the single-node build into its landing table (`<name>_in`), or the table of that name. */
  async land(staged: string): Promise<void> {
    const tables = await this.engine.query<{ table: string; columns: string[] }>(
      `SELECT table, groupArray(name) AS columns FROM (
         SELECT table, name FROM system.columns
         WHERE database = {staged:String} AND default_kind = '' ORDER BY table, position)
       GROUP BY table`,
      { staged },
    );
    const steps = readSteps();
    const stagedTables = new Set(steps[0]!.statements.map((s) => /CREATE TABLE \{db:Identifier\}\.(\w+)/.exec(s)?.[1]));
    for (const { table, columns } of tables.filter((t) => stagedTables.has(t.table))) {
      const target = [`${table}_in`, table].find((n) => this.distributed.has(n) || this.stored.get(n)?.onEveryNode);
      if (!target) continue;
      const list = columns.join(', ');
      await this.run(
        { file: `cluster/${CROSS_SHARD_FILE} (01 ingest, simulated)`, sql: `INSERT INTO {db:Identifier}.${target} (${list}) SELECT ${list} FROM {staged:Identifier}.${table}` },
        { once: true, params: { staged } },
      );
    }
  }

  async runPlan(): Promise<void> {
    const steps = new Map(readSteps().map((s) => [s.file.split('_')[0]!, s]));
    const used = new Set<string>();
    const planned = new Set<string>(PLAN.flatMap((p) => ('crossShard' in p ? [p.crossShard] : [])));
    const unplanned = this.sql.crossShard.filter((s) => s.part !== '01 ingest' && !planned.has(s.part));
    if (unplanned.length > 0) throw new Error(`cluster/${CROSS_SHARD_FILE}: no place in the run order for ${unplanned.map((s) => s.part).join(', ')}.`);
    for (const part of PLAN) {
      if ('crossShard' in part) {
        for (const statement of this.sql.crossShard.filter((s) => s.part === part.crossShard)) await this.run(statement);
        continue;
      }
      const step = steps.get(part.step)!;
      if (!this.sql.laidOut.includes(step.file)) throw new Error(`cluster: ${step.file} of ../sql has no cluster file of that name.`);
      for (const statement of step.statements) {
        const derived = clusterStatement(statement, new Set(this.stored.keys()));
        const written = this.sql.written.get(derived.target);
        if (written) used.add(derived.target);
        await this.run(written ?? { file: `sql/${step.file}`, sql: derived.sql });
      }
    }
    const unused = [...this.sql.written.keys()].filter((t) => !used.has(t));
    if (unused.length > 0) throw new Error(`cluster: the INSERTs into ${unused.join(', ')} replace no statement of ../sql.`);
  }

  /**
   * Once when it writes a table on every node (then replicated to the others) or when told,
   * else on every shard at once.
   */
  private async run(statement: Statement, options: { once?: boolean; params?: Params } = {}): Promise<void> {
    const target = insertTarget(statement.sql, statement.file);
    const onEveryNode = this.stored.get(target)?.onEveryNode ?? false;
    const nodes = onEveryNode || options.once ? this.shards.slice(0, 1) : this.shards;
    const params = options.params ?? {};
    const distributed = this.distributed.get(target);
    try {
      if (distributed) await this.sendThrough(distributed, statement, nodes, params);
      else for (const db of nodes) await this.engine.command(statement.sql, { ...params, db });
      if (onEveryNode) await this.replicate(target);
    } catch (error) {
      const message = (error as Error).message.replace(/ in scope [\s\S]*/, '').slice(0, 600);
      throw new Error(`${statement.file} (into ${target}) failed: ${message}`, { cause: error });
    }
  }

  /** An INSERT through a Distributed table on each of `nodes`: what they write lands on shard `key % N`. */
  private async sendThrough(table: DistributedTable, statement: Statement, nodes: string[], params: Params): Promise<void> {
    if (!table.key) throw new Error(`an INSERT through ${table.name}, which has no sharding key, fails on a cluster of more than one shard`);
    const outbox = `${table.name}_outbox`;
    const sql = statement.sql.replace(`INSERT INTO {db:Identifier}.${table.name}`, `INSERT INTO {db:Identifier}.${outbox}`);
    for (const db of nodes) {
      await this.engine.command('CREATE TABLE {db:Identifier}.{outbox:Identifier} ENGINE = Memory AS SELECT * FROM {db:Identifier}.{local:Identifier} LIMIT 0', {
        db,
        outbox,
        local: table.local,
      });
      await this.engine.command(sql, { ...params, db });
    }
    // Every node's rows for a shard in one INSERT, as the shard would receive them.
    const sent = nodes.map((db) => `SELECT * FROM ${db}.${outbox}`).join(' UNION ALL ');
    for (const [i, shard] of this.shards.entries()) {
      await this.engine.command(`INSERT INTO {shard:Identifier}.{local:Identifier} SELECT * FROM (${sent}) WHERE (${table.key}) % {count:UInt32} = {i:UInt32}`, {
        shard,
        local: table.local,
        count: this.shards.length,
        i,
      });
    }
    for (const db of nodes) await this.engine.command('DROP TABLE {db:Identifier}.{outbox:Identifier}', { db, outbox });
  }

  /** A table on every node, written on the first: every other node's copy made the same, as its replicas would fetch it. */
  private async replicate(table: string): Promise<void> {
    const [first, ...others] = this.shards;
    for (const db of others) {
      await this.engine.command('TRUNCATE TABLE {db:Identifier}.{table:Identifier}', { db, table });
      await this.engine.command('INSERT INTO {db:Identifier}.{table:Identifier} SELECT * FROM {first:Identifier}.{table:Identifier}', { db, table, first });
    }
  }
}
