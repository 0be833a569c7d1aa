import { and, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Actor, CommandContext } from '../context';
import type { Database } from '../db/client';
import { isOperator } from '../policy';
import { Problem, forbidden, notFound } from '../problem';
import type { ImportError } from './row-errors';

/**
 * A spreadsheet import in two steps, the same for every kind: upload → a preview stored with its rows and
 * errors (nothing else written) → commit of exactly those rows in one transaction, in batches, while the
 * page polls the progress. Each kind keeps its previews in its own table with these columns and adds its counts.
 */
export interface ImportTable extends PgTable {
  id: AnyPgColumn;
  authorId: AnyPgColumn;
  fileName: AnyPgColumn;
  status: AnyPgColumn;
  total: AnyPgColumn;
  processed: AnyPgColumn;
  rows: AnyPgColumn;
  errors: AnyPgColumn;
  failure: AnyPgColumn;
  heartbeatAt: AnyPgColumn;
}

export type ImportStatus = 'previewed' | 'running' | 'done' | 'failed';

/** What an import answers with; each kind adds its own counts (to create, to update, to invite…). */
export interface ImportState {
  id: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  errors: ImportError[];
  failure: string | null;
}

/** The commit's progress as the page sees it; `advance` also lets a progress poll in between batches. */
export interface ImportProgress {
  advance(rows: number): Promise<void>;
}

export interface StoredImportKind<Counts, Row, CommitInput = void> {
  table: ImportTable;
  /** The kind's own count columns, read into the state under these names. */
  counts: { [K in keyof Counts]: AnyPgColumn };
  /** Why a finished import cannot be committed again, in the kind's words («Этот файл уже записан в реестр…»). */
  alreadyDone: string;
  /**
   * Writes the previewed rows inside the commit's transaction (a thrown Problem rolls everything back and
   * becomes the import's failure) and records the commit in the audit log. `input` is what the commit was started with.
   */
  write(tx: Database, context: CommandContext & { actor: Actor }, state: ImportState & Counts, rows: Row[], progress: ImportProgress, input: CommitInput): Promise<void>;
}

export interface StoredImports<Counts, Row, CommitInput = void> {
  /** Keeps a checked file: its rows (exactly what the commit will write), its errors and counts. */
  save(db: Database, actor: Actor, preview: { fileName: string; total: number; counts: Counts; rows: Row[]; errors: ImportError[] }): Promise<ImportState & Counts>;
  /** The preview and, while it runs, the progress; someone else's import does not exist for the caller. */
  get(context: CommandContext, id: string): Promise<ImportState & Counts>;
  /**
   * Claims a previewed import (only one of two simultaneous clicks gets it) and starts writing it. `preview`
   * is the running state to answer with at once; `done` settles when the rows are written — or none of them.
   */
  start(context: CommandContext & { actor: Actor }, id: string, input: CommitInput): Promise<{ preview: ImportState & Counts; done: Promise<ImportState & Counts> }>;
  /**
   * Marks imports left running by a process that died as failed; their transaction was rolled back with it. Without
   * `silentForMs`, every running import: for the embedded engine at start-up, where this process is the database's sole
   * user. With it, those whose commit showed no progress for that long: for PostgreSQL, where other server processes
   * may be writing theirs (each batch of a live commit beats its heartbeat).
   */
  failInterrupted(db: Database, silentForMs?: number): Promise<number>;
}

const refusal = (title: string, detail: string) => new Problem(409, title, detail);
const alreadyStarted = () => refusal('Импорт уже запущен', 'Этот файл уже записывается — вероятно, кнопку нажали дважды. Дождитесь результата.');
const internalFailure =
  'Импорт прервался из-за внутренней ошибки; ничего не записано. Попробуйте загрузить файл ещё раз, а если ошибка повторится — сообщите администратору.';

/** The author and the operators see an import; only its author commits it. */
const mayRead = (actor: Actor, authorId: string) => actor.userId === authorId || isOperator(actor);

export function storedImports<Counts extends Record<string, number>, Row, CommitInput = void>(
  kind: StoredImportKind<Counts, Row, CommitInput>,
): StoredImports<Counts, Row, CommitInput> {
  type State = ImportState & Counts;
  const { table } = kind;
  const summary = {
    id: table.id,
    authorId: table.authorId,
    fileName: table.fileName,
    status: table.status,
    total: table.total,
    processed: table.processed,
    errors: table.errors,
    failure: table.failure,
    ...kind.counts,
  };
  type Summary = State & { authorId: string };
  const present = ({ authorId: _author, ...state }: Summary): State => state as unknown as State;

  /**
   * Imports being committed in this process: the commit's transaction hides its writes until it ends
   * (and on PGlite holds the only connection), so this process answers their progress from memory, and
   * writes it to the import's row from outside the transaction for the other server processes (ORBITA_WORKERS).
   */
  const running = new Map<string, { authorId: string; state: State }>();

  const load = async (db: Database, id: string): Promise<Summary | null> => {
    const [row] = await db.select(summary).from(table).where(eq(table.id, id)).limit(1);
    return (row as unknown as Summary | undefined) ?? null;
  };

  const notAgain: Record<Exclude<ImportStatus, 'previewed'>, () => Problem> = {
    running: alreadyStarted,
    done: () => refusal('Импорт уже выполнен', kind.alreadyDone),
    failed: () => refusal('Импорт завершился ошибкой', 'Эта попытка импорта не удалась. Загрузите файл заново: предпросмотр покажет текущее состояние данных.'),
  };

  async function apply(context: CommandContext & { actor: Actor }, state: State, rows: Row[], input: CommitInput): Promise<State> {
    const progress = running.get(state.id)!.state;
    try {
      await context.db.transaction(async (tx) => {
        const advance = async (count: number) => {
          progress.processed += count;
          // Not awaited: on PGlite this write waits for the transaction's end, where it finds the import no longer running.
          void context.db
            .update(table)
            .set({ processed: sql`greatest(${table.processed}, ${progress.processed})`, heartbeatAt: sql`now()` })
            .where(and(eq(table.id, state.id), eq(table.status, 'running')))
            .catch((error: unknown) => console.warn(`Ход импорта не записан: ${error instanceof Error ? error.message : error}`));
          await letOthersRun();
        };
        await kind.write(tx, context, state, rows, { advance }, input);
        await tx.update(table).set({ status: 'done', processed: rows.length }).where(eq(table.id, state.id));
      });
      return { ...state, status: 'done', processed: rows.length };
    } catch (error) {
      const expected = error instanceof Problem;
      const failure = expected ? error.detail : internalFailure;
      await context.db.update(table).set({ status: 'failed', processed: 0, failure }).where(eq(table.id, state.id));
      if (!expected) throw error;
      return { ...state, status: 'failed', processed: 0, failure };
    }
  }

  return {
    async save(db, actor, preview) {
      // Drizzle cannot infer a returning() shape for a table known only by its columns; it is `summary`'s.
      const [stored] = (await db
        .insert(table)
        .values({ authorId: actor.userId, fileName: preview.fileName, total: preview.total, rows: preview.rows, errors: preview.errors, ...preview.counts })
        .returning(summary)) as unknown as Summary[];
      return present(stored);
    },

    async get(context, id) {
      if (!context.actor) throw notFound('Импорт');
      const actor = context.actor;
      const current = running.get(id);
      if (current) {
        if (!mayRead(actor, current.authorId)) throw notFound('Импорт');
        return { ...current.state };
      }
      const found = await load(context.db, id);
      if (!found || !mayRead(actor, found.authorId)) throw notFound('Импорт');
      return present(found);
    },

    async start(context, id, input) {
      const actor = context.actor;
      const current = running.get(id);
      if (current && mayRead(actor, current.authorId)) throw alreadyStarted();
      const found = current ? null : await load(context.db, id);
      if (!found || !mayRead(actor, found.authorId)) throw notFound('Импорт');
      if (found.authorId !== actor.userId) throw forbidden('Записать импорт может только тот, кто загрузил файл.');
      if (found.errors.length) {
        throw refusal('В файле есть ошибки', `Ошибок в файле: ${found.errors.length}. Исправьте их и загрузите файл заново — записать можно только файл без ошибок.`);
      }
      if (found.status !== 'previewed') throw notAgain[found.status]();

      const [claimed] = (await context.db
        .update(table)
        .set({ status: 'running', processed: 0, heartbeatAt: sql`now()` })
        .where(and(eq(table.id, id), eq(table.status, 'previewed')))
        .returning({ ...summary, rows: table.rows })) as unknown as (Summary & { rows: Row[] })[];
      if (!claimed) throw alreadyStarted();
      const { rows, ...claimedSummary } = claimed;
      const state = present(claimedSummary as Summary);
      running.set(id, { authorId: actor.userId, state: { ...state } });
      const done = apply(context, state, rows, input).finally(() => running.delete(id));
      return { preview: state, done };
    },

    async failInterrupted(db, silentForMs) {
      const failed = await db
        .update(table)
        .set({ status: 'failed', failure: 'Импорт прерван остановкой сервера. Ничего не записано — загрузите файл заново.' })
        .where(
          and(
            eq(table.status, 'running'),
            silentForMs === undefined ? undefined : sql`coalesce(${table.heartbeatAt}, '-infinity') < now() - make_interval(secs => ${silentForMs / 1000})`,
          ),
        )
        .returning({ id: table.id });
      return failed.length;
    },
  };
}

/**
 * PGlite answers without real I/O, so a whole transaction would run in one turn of the event loop and
 * no request (not even a progress poll) would be served until it ends; this gives them a turn between batches.
 */
const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
