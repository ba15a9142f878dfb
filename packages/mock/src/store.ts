import type { GetVideoTaskResponse } from '@kyyvideo/contract';
import {
  ASSET_TYPES,
  type Asset,
  type AssetType,
  isAssetId,
  UploadAssetRequest,
} from '@kyyvideo/contract';
import type { MockClock } from './clock.js';
import { newAssetId } from './ids.js';
import type { ResolvedOptions } from './options.js';
import type { RandomSource } from './random.js';
import { createRecency } from './recency.js';
import { planReview, type ReviewOutcome } from './review.js';
import { isStoredTask, newTaskId, type StoredTask, toVideoTask } from './tasks.js';
import { createTime } from './time-format.js';

/** One asset as the store keeps it: the review's end is fixed at upload, status is derived. */
export interface StoredAsset {
  assetId: string;
  name: string | null;
  url: string;
  assetType: AssetType;
  /** Epoch ms of the upload. */
  createdAt: number;
  /** Epoch ms at which review ends. */
  readyAt: number;
  outcome: ReviewOutcome;
}

/** What `--state FILE` writes: plain JSON, versioned so a later format can be told apart. */
export interface StoreSnapshot {
  version: 1;
  assets: StoredAsset[];
  /** Video tasks; absent in files written before tasks existed. */
  tasks?: StoredTask[];
}

export interface MockStore {
  /** Every asset, oldest first, with its status as of now. */
  list(): Asset[];
  /** One asset with its status as of now, or `undefined` when unknown or deleted. */
  get(assetId: string): Asset | undefined;
  has(assetId: string): boolean;
  readonly size: number;
  /** Adds an asset as a successful upload would (for seeding tests). Throws on invalid input. */
  create(input: UploadAssetRequest): Asset;
  /** Removes an asset for good; `false` when there was none. */
  delete(assetId: string): boolean;
  /** Every video task, oldest first, as a query would answer it now. */
  listTasks(): GetVideoTaskResponse[];
  /** One video task as a query would answer it now, or `undefined` when unknown. */
  getTask(id: string): GetVideoTaskResponse | undefined;
  /** Clears assets and tasks. */
  clear(): void;
  snapshot(): StoreSnapshot;
  /** Replaces the contents with a snapshot (throws, changing nothing, if it is malformed). */
  restore(snapshot: unknown): void;
  /** Called after every change; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * One change to the store, as persistence sees it. `kind` names the record type so that other
 * records (e.g. video tasks) can be journaled the same way; `reset` means "the whole content was
 * replaced" (clear or restore).
 */
export type StoreChange =
  | { op: 'put'; kind: 'asset'; record: StoredAsset }
  | { op: 'delete'; kind: 'asset'; id: string }
  | { op: 'put'; kind: 'task'; record: StoredTask }
  | { op: 'delete'; kind: 'task'; id: string }
  | { op: 'reset' };

/** What the core and persistence use besides the public {@link MockStore}. */
export interface InternalStore extends MockStore {
  /** Adds an upload that was already validated (skips the second schema check). */
  insert(input: UploadAssetRequest): Asset;
  /** Adds a task (the create route has checked and timed it); `id` is drawn here. */
  insertTask(task: Omit<StoredTask, 'id'>): StoredTask;
  /** The stored task record, or `undefined`. */
  taskRecord(id: string): StoredTask | undefined;
  /** Counts changes, so a caller can tell whether a request changed anything. */
  readonly version: number;
  /**
   * Applies a journaled change while loading, without telling listeners and without the store
   * limit: the journal already holds what the limit forgot, as deletes.
   */
  apply(change: StoreChange): void;
  /**
   * Forgets the least recently used records past the limit (after loading with a lower limit
   * than the state was saved with), without telling listeners; returns how many it forgot.
   */
  enforceLimit(): number;
  /** Receives every change as it happens; returns an unsubscribe function. */
  onChange(listener: (change: StoreChange) => void): () => void;
}

type StoreOptions = Pick<
  ResolvedOptions,
  'reviewDelayMs' | 'faceReviewDelayMs' | 'faceMarkers' | 'failMarkers' | 'storeLimit'
>;

/** Told the first time a kind of record reaches the store limit (again after a clear). */
export type StoreLimitListener = (kind: 'asset' | 'task', limit: number) => void;

function statusAt(record: StoredAsset, now: number): Asset['status'] {
  return now >= record.readyAt ? record.outcome : 'Processing';
}

function toAsset(record: StoredAsset, now: number): Asset {
  return {
    name: record.name,
    assetId: record.assetId,
    status: statusAt(record, now),
    assetType: record.assetType,
    url: record.url,
    createTime: createTime(record.createdAt),
  };
}

/** Checks one saved or journaled asset record. */
export function isStoredAsset(value: unknown): value is StoredAsset {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    isAssetId(r.assetId) &&
    (r.name === null || typeof r.name === 'string') &&
    typeof r.url === 'string' &&
    (ASSET_TYPES as readonly unknown[]).includes(r.assetType) &&
    Number.isFinite(r.createdAt) &&
    Number.isFinite(r.readyAt) &&
    (r.outcome === 'Active' || r.outcome === 'Failed')
  );
}

export function parseSnapshot(value: unknown): StoreSnapshot {
  if (typeof value !== 'object' || value === null) throw new TypeError('expected a JSON object');
  const s = value as Record<string, unknown>;
  if (s.version !== 1)
    throw new TypeError(`expected "version": 1, got ${JSON.stringify(s.version)}`);
  if (!Array.isArray(s.assets)) throw new TypeError('expected "assets" to be an array');
  const bad = s.assets.findIndex((a) => !isStoredAsset(a));
  if (bad !== -1) throw new TypeError(`assets[${bad}] is not a stored asset`);
  const tasks = s.tasks ?? [];
  if (!Array.isArray(tasks)) throw new TypeError('expected "tasks" to be an array');
  const badTask = tasks.findIndex((t) => !isStoredTask(t));
  if (badTask !== -1) throw new TypeError(`tasks[${badTask}] is not a stored video task`);
  return {
    version: 1,
    assets: (s.assets as StoredAsset[]).map((a) => ({ ...a })),
    tasks: (tasks as StoredTask[]).map((t) => ({ ...t })),
  };
}

export function createStore(
  clock: MockClock,
  random: () => RandomSource,
  options: StoreOptions,
  onLimit: StoreLimitListener = () => {},
): InternalStore {
  const records = new Map<string, StoredAsset>();
  const tasks = new Map<string, StoredTask>();
  const listeners = new Set<() => void>();
  const changeListeners = new Set<(change: StoreChange) => void>();
  const limit = options.storeLimit;
  // Kept beside the records, which stay in upload order for list() and snapshots. After a
  // restart, recency starts over from upload order.
  const recency = { asset: createRecency(), task: createRecency() };
  // Ids handed out during the current second: an id is never handed out twice (until a clear),
  // even when its asset was deleted or forgotten in between; ids of other seconds differ in their
  // timestamp.
  let idSecond = Number.NaN;
  let idsThisSecond = new Set<string>();
  const newId = (now: number) => {
    const second = Math.floor(now / 1000);
    if (second !== idSecond) {
      idSecond = second;
      idsThisSecond = new Set();
    }
    const id = newAssetId(
      now,
      rng,
      (candidate) => records.has(candidate) || idsThisSecond.has(candidate),
    );
    idsThisSecond.add(id);
    return id;
  };
  const clearAll = () => {
    records.clear();
    tasks.clear();
    recency.asset.clear();
    recency.task.clear();
    // A cleared store is a fresh one: a seeded mock hands out the same ids again.
    idsThisSecond = new Set();
  };
  let rng = random();
  let version = 0;
  let told = { asset: false, task: false };
  const changed = (change: StoreChange) => {
    version++;
    for (const listener of changeListeners) listener(change);
    for (const listener of listeners) listener();
  };
  /**
   * Forgets the least recently used records of `kind` past the limit, telling `onLimit` the first
   * time; returns their ids.
   */
  const forgetOverLimit = (kind: 'asset' | 'task'): string[] => {
    const map: Map<string, unknown> = kind === 'asset' ? records : tasks;
    const gone: string[] = [];
    while (map.size > limit) {
      const id = recency[kind].takeLeastRecent();
      if (id === undefined) break;
      map.delete(id);
      gone.push(id);
    }
    if (gone.length > 0 && !told[kind]) {
      told[kind] = true;
      onLimit(kind, limit);
    }
    return gone;
  };
  // Past the limit the least recently used record is forgotten as a delete would forget it (and
  // journaled as one), so memory stays bounded however long the mock runs.
  const added = (kind: 'asset' | 'task', id: string) => {
    recency[kind].use(id);
    for (const gone of forgetOverLimit(kind)) changed({ op: 'delete', kind, id: gone });
  };
  const enforceLimit = () => forgetOverLimit('asset').length + forgetOverLimit('task').length;
  const insert = (parsed: UploadAssetRequest): Asset => {
    const now = clock.now();
    const plan = planReview(parsed, options);
    const record: StoredAsset = {
      assetId: newId(now),
      name: parsed.name ?? null,
      url: parsed.url,
      assetType: parsed.assetType,
      createdAt: now,
      readyAt: now + plan.delayMs,
      outcome: plan.outcome,
    };
    records.set(record.assetId, record);
    changed({ op: 'put', kind: 'asset', record });
    added('asset', record.assetId);
    return toAsset(record, now);
  };

  return {
    list: () => [...records.values()].map((r) => toAsset(r, clock.now())),
    get(assetId) {
      const record = records.get(assetId);
      if (!record) return undefined;
      recency.asset.use(assetId);
      return toAsset(record, clock.now());
    },
    has: (assetId) => records.has(assetId),
    get size() {
      return records.size;
    },
    create: (input) => insert(UploadAssetRequest.parse(input)),
    insert,
    get version() {
      return version;
    },
    insertTask(input) {
      const task: StoredTask = { ...input, id: newTaskId(rng, (id) => tasks.has(id)) };
      tasks.set(task.id, task);
      changed({ op: 'put', kind: 'task', record: task });
      added('task', task.id);
      return task;
    },
    taskRecord(id) {
      const task = tasks.get(id);
      if (task) recency.task.use(id);
      return task;
    },
    listTasks: () => [...tasks.values()].map((t) => toVideoTask(t, clock.now(), undefined)),
    getTask(id) {
      const task = tasks.get(id);
      if (!task) return undefined;
      recency.task.use(id);
      return toVideoTask(task, clock.now(), undefined);
    },
    delete(assetId) {
      const existed = records.delete(assetId);
      if (!existed) return false;
      recency.asset.forget(assetId);
      changed({ op: 'delete', kind: 'asset', id: assetId });
      return true;
    },
    clear() {
      // Restart the id sequence too, so a reset mock with a seed repeats the same ids.
      rng = random();
      told = { asset: false, task: false };
      if (records.size === 0 && tasks.size === 0) return;
      clearAll();
      changed({ op: 'reset' });
    },
    snapshot: () => ({
      version: 1,
      assets: [...records.values()].map((r) => ({ ...r })),
      tasks: [...tasks.values()].map((t) => ({ ...t })),
    }),
    restore(snapshot) {
      const parsed = parseSnapshot(snapshot);
      clearAll();
      for (const record of parsed.assets) {
        records.set(record.assetId, record);
        recency.asset.use(record.assetId);
      }
      for (const task of parsed.tasks ?? []) {
        tasks.set(task.id, task);
        recency.task.use(task.id);
      }
      // Saved with a higher limit: the newest are kept, and the reset journals only them.
      enforceLimit();
      changed({ op: 'reset' });
    },
    apply(change) {
      if (change.op === 'reset') {
        clearAll();
      } else if (change.op === 'delete') {
        (change.kind === 'task' ? tasks : records).delete(change.id);
        recency[change.kind].forget(change.id);
      } else if (change.kind === 'task') {
        tasks.set(change.record.id, change.record);
        recency.task.use(change.record.id);
      } else {
        records.set(change.record.assetId, change.record);
        recency.asset.use(change.record.assetId);
      }
    },
    enforceLimit,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
