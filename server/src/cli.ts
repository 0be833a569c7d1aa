import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Command } from 'commander';
import { type Config, loadConfig } from './platform/config';
import type { CommandContext } from './platform/context';
import type { Database, DatabaseHandle } from './platform/db/client';
import { countOf } from './platform/plural';
import { Problem } from './platform/problem';
import type { seedDemoRegion } from './seed/seed-demo';

// The server, database and file-format modules are loaded by the commands that use them, so a command
// that needs none of them (`allocate`) starts in a fraction of a second instead of loading them all.
const database = () => Promise.all([import('./platform/db/client'), import('./platform/db/migrate')]);
const seeding = () => import('./seed/seed-demo');
const mailDelivery = async () => ({
  ...(await import('./platform/mail/mail-worker')),
  ...(await import('./platform/mail/smtp-transport')),
  ...(await import('./platform/mail/links')),
  ...(await import('./modules/notifications/send-daily-digests')),
  ...(await import('./modules/audit/publish-audit-head')),
  ...(await import('./modules/plans/notify-due-plan-items')),
  ...(await import('./modules/calendar/remind-upcoming-events')),
});

/** What the demo seed loaded, in one line for the console. */
const demoSummary = (s: Awaited<ReturnType<typeof seedDemoRegion>>) =>
  [
    countOf(s.municipalities, { one: 'муниципалитет', few: 'муниципалитета', many: 'муниципалитетов' }),
    countOf(s.organizations, { one: 'организация', few: 'организации', many: 'организаций' }),
    countOf(s.networks, { one: 'сеть', few: 'сети', many: 'сетей' }),
    countOf(s.offers, { one: 'ресурс', few: 'ресурса', many: 'ресурсов' }),
    countOf(s.needs, { one: 'потребность', few: 'потребности', many: 'потребностей' }),
    countOf(s.exchanges, { one: 'обмен', few: 'обмена', many: 'обменов' }),
    countOf(s.programmes, { one: 'программа', few: 'программы', many: 'программ' }),
    countOf(s.children, { one: 'ребёнок', few: 'ребёнка', many: 'детей' }),
    countOf(s.accounts, { one: 'учётная запись', few: 'учётные записи', many: 'учётных записей' }),
    countOf(s.invitations, { one: 'приглашение', few: 'приглашения', many: 'приглашений' }),
    countOf(s.events, { one: 'мероприятие', few: 'мероприятия', many: 'мероприятий' }),
  ].join(', ');

/** A running import whose commit showed no progress for this long was left by a server process that died. */
const STALLED_IMPORT_MS = 15 * 60_000;

/** The CLI acts as the platform itself: an operator with no account, recorded in the audit log without an actor id. */
const systemContext = (handle: DatabaseHandle): CommandContext => ({
  db: handle.db,
  actor: { userId: '00000000-0000-0000-0000-000000000000', email: 'cli@orbita', fullName: 'Командная строка', platformRoles: ['operator'], municipalityId: null, memberships: [] },
  ip: 'cli',
});

async function withDatabase<T>(config: Config, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const [{ openDatabase }, { migrateDatabase }] = await database();
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  (await import('./platform/mail/links')).setPublicUrl(config.publicUrl);
  try {
    await migrateDatabase(handle);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Builds the web app in a child process: Vite's memory (over a gigabyte at its peak) never joins the server's. */
async function buildWebIfMissing(webRoot: string, webDist: string) {
  if (existsSync(path.join(webRoot, 'index.html'))) return;
  console.log('Собираю веб-интерфейс (один раз, в отдельном процессе)…');
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const build = spawn(process.execPath, [vite, 'build', '--config', path.resolve(webDist, '../vite.config.ts'), '--outDir', webRoot, '--logLevel', 'warn'], {
    // the build people get: a NODE_ENV=test or development would keep React's development build
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  const [code] = (await once(build, 'exit')) as [number | null];
  if (code !== 0) throw new Problem(500, 'Веб-интерфейс не собран', `сборка завершилась с кодом ${code}; подробности выше.`);
}

/** A worker process of the cluster: serves requests only; start-up work and chores stay with the primary. */
async function serveRequests(config: Config) {
  const [[{ openDatabase }], { buildApp, webDist }] = await Promise.all([database(), import('./platform/http/app')]);
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const app = await buildApp(handle, config, { webRoot: config.webRoot ?? webDist });
  await app.listen({ port: config.port, host: config.host });
  const stop = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Forks `count` worker processes that share the port, and settles once all of them listen; a worker that dies
 * later is replaced. The rate-limit counters of all of them are kept here (shared-rate-limit.ts).
 * Returns how to stop them.
 */
async function startWorkers(count: number): Promise<() => Promise<void>> {
  const rateLimits = (await import('./platform/http/shared-rate-limit')).keepRateLimits();
  let stopping = false;
  const fork = () => {
    const worker = cluster.fork();
    rateLimits(worker);
    return worker;
  };
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = fork();
      return new Promise<void>((resolve, reject) => {
        worker.once('listening', () => resolve());
        worker.once('exit', (code) => reject(new Problem(500, 'Сервер не запущен', `процесс сервера завершился при запуске с кодом ${code}; подробности выше.`)));
      });
    }),
  ).catch((error) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    throw error;
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.warn(`Процесс сервера ${worker.process.pid} завершился (${signal ?? code}); запускаю новый.`);
    fork();
  });
  return async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map((worker) => {
        const exited = once(worker!, 'exit');
        worker!.kill('SIGTERM');
        return exited;
      }),
    );
  };
}

const program = new Command('orbita').description('Орбита — платформа сетевого взаимодействия образовательных организаций');

program
  .command('serve')
  .description('запустить сервер (по умолчанию http://localhost:3000)')
  .option('--build-web', 'собрать веб-интерфейс, если он ещё не собран')
  .action(async (options: { buildWeb?: boolean }) => {
    if (cluster.isWorker) return serveRequests(loadConfig());
    const started = performance.now();
    const config = loadConfig();
    const [[{ openDatabase }, { migrateDatabase }], { buildApp, webDist }, { ensureInitialOperator, isDatabaseEmpty, seedDemoRegion }, { failInterruptedImports }, mail] = await Promise.all([
      database(),
      import('./platform/http/app'),
      seeding(),
      import('./modules/organizations/import-organizations'),
      mailDelivery(),
    ]);
    mail.setPublicUrl(config.publicUrl);
    const webRoot = config.webRoot ?? webDist;
    if (options.buildWeb) await buildWebIfMissing(webRoot, webDist);
    // A server whose embedded database died answers nothing useful: it exits, so that its supervisor starts it again.
    const onEngineFailure = () => process.exit(70);
    let handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, onEngineFailure });
    await migrateDatabase(handle);
    if (config.seedDemo && (await isDatabaseEmpty(handle.db))) {
      const seeded = await seedDemoRegion({ ...systemContext(handle), actor: null });
      console.log(`Загружен демонстрационный регион: ${demoSummary(seeded)}.`);
      // Loading grew the embedded engine's memory, which WebAssembly never gives back: serve from a fresh one.
      await handle.close();
      handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, onEngineFailure });
    }
    const context = systemContext(handle);
    if (await ensureInitialOperator({ ...context, actor: null }, config.initialOperator)) console.log(`Создан оператор ${config.initialOperator!.email}.`);
    const { failInterruptedStaffImports } = await import('./modules/staff-imports/import-staff');
    if (handle.engine === 'pglite') {
      await failInterruptedImports(handle.db);
      await failInterruptedStaffImports(handle.db);
    }
    // The embedded database lives in this process: one server process. PostgreSQL takes one a core (ORBITA_WORKERS).
    const workers = handle.engine === 'pglite' ? 1 : config.workers;
    const app = workers === 1 ? await buildApp(handle, config, { webRoot }) : null;
    if (app) await app.listen({ port: config.port, host: config.host });
    const stopWorkers = app ? null : await startWorkers(workers);
    // Chores run once, here: without a mail server the worker only writes the daily digests; every letter waits in the outbox for the operator to read.
    const mailWorker = mail.createMailWorker(handle.db, {
      transport: config.smtpUrl ? mail.createSmtpTransport(config.smtpUrl, config.mailFrom) : null,
      chores: [
        { name: 'ежедневная сводка уведомлений', everyMs: 3_600_000, run: mail.sendDailyDigests },
        { name: 'публикация вершины журнала аудита', everyMs: 3_600_000, run: (db) => mail.publishAuditHead(db, config.dataDir) },
        { name: 'напоминания о сроках пунктов планов', everyMs: 3_600_000, run: (db) => mail.notifyDuePlanItems(db) },
        // On PostgreSQL an import's commit may run in a server process that died since: its transaction is gone, its row
        // still says «running». A live commit beats its heartbeat with every batch (seconds apart).
        ...(handle.engine === 'postgres'
          ? [
              {
                name: 'импорты, прерванные остановкой процесса',
                everyMs: 300_000,
                run: async (db: Database) => (await failInterruptedImports(db, STALLED_IMPORT_MS)) + (await failInterruptedStaffImports(db, STALLED_IMPORT_MS)),
              },
            ]
          : []),
        { name: 'напоминания о завтрашних мероприятиях', everyMs: 3_600_000, run: (db) => mail.remindUpcomingEvents(db) },
      ],
      log: (message) => (app ? app.log.warn(message) : console.warn(message)),
    });
    mailWorker.start();
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    const processes =
      handle.engine === 'pglite' ? 'один процесс: встроенная база работает в нём' : countOf(workers, { one: 'процесс', few: 'процесса', many: 'процессов' });
    console.log(`Орбита работает: http://${shown}:${config.port} (база: ${handle.engine === 'pglite' ? `встроенная, ${config.dataDir}` : 'PostgreSQL'}; сервер: ${processes}; почта: ${config.smtpUrl ? 'SMTP' : 'сервер не настроен, письма ждут в «Исходящих письмах»'}; запуск ${Math.round(performance.now() - started)} мс)`);
    const stop = async () => {
      // Workers first: a Ctrl-C reaches them too, and one that exits must not be replaced.
      await (app ? app.close() : stopWorkers!());
      await mailWorker.stop();
      await handle.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('применить миграции базы данных')
  .action(() => withDatabase(loadConfig(), async (handle) => console.log(`Миграции применены (${handle.engine}).`)));

const seed = program.command('seed').description('заполнить базу данными');
seed
  .command('demo')
  .description('демонстрационный регион из документов-источников (только в пустую базу)')
  .action(() =>
    withDatabase(loadConfig(), async (handle) => {
      const { isDatabaseEmpty, seedDemoRegion } = await seeding();
      if (!(await isDatabaseEmpty(handle.db))) throw new Problem(409, 'База не пуста', 'Демонстрационный регион загружается только в пустую базу.');
      const seeded = await seedDemoRegion({ ...systemContext(handle), actor: null });
      console.log(`Загружен демонстрационный регион: ${demoSummary(seeded)}.`);
    }),
  );
seed
  .command('synthetic')
  .description('синтетические организации для проверки масштаба')
  .requiredOption('--organizations <n>', 'сколько организаций добавить', (v) => Number.parseInt(v, 10))
  .action((options: { organizations: number }) =>
    withDatabase(loadConfig(), async (handle) => {
      if (!Number.isInteger(options.organizations) || options.organizations < 1) throw new Problem(400, 'Ошибка в параметрах', '--organizations: целое число больше нуля.');
      const { seedSyntheticOrganizations } = await seeding();
      const seeded = await seedSyntheticOrganizations({ ...systemContext(handle), actor: null }, options.organizations);
      console.log(`Добавлено организаций: ${seeded.organizations}.`);
    }),
  );

program
  .command('import')
  .description('импорт реестра из файла')
  .command('organizations <file>')
  .description('организации из .xlsx или .csv: сначала проверка, запись только если ошибок нет')
  .action((file: string) =>
    withDatabase(loadConfig(), async (handle) => {
      const { previewOrganizationImport, startOrganizationImport } = await import('./modules/organizations/import-organizations');
      const { spreadsheetOf } = await import('./platform/imports/spreadsheet-file');
      const context = systemContext(handle);
      const preview = await previewOrganizationImport(context, spreadsheetOf(path.basename(file), await readFile(file)));
      console.log(`Строк: ${preview.total}; будет создано: ${preview.toCreate}; обновлено: ${preview.toUpdate}; ошибок: ${preview.errors.length}.`);
      if (preview.errors.length) {
        for (const e of preview.errors.slice(0, 50)) console.error(`  строка ${e.row}, «${e.column}»: ${e.message}`);
        throw new Problem(400, 'Импорт не выполнен', 'Исправьте ошибки в файле — ничего не записано.');
      }
      const { done } = await startOrganizationImport(context, preview.id);
      const result = await done;
      if (result.status !== 'done') throw new Problem(500, 'Импорт не выполнен', result.failure ?? 'Неизвестная ошибка — ничего не записано.');
      console.log(`Импорт завершён: ${result.processed} строк.`);
    }),
  );

const verify = program.command('verify').description('проверки целостности данных');
verify
  .command('signatures')
  .description('пересчитать хеши редакций документов и цепочки подписей, сверить состояния документов с подписями и журналом; перечислить нарушенные записи')
  .action(() =>
    withDatabase(loadConfig(), async (handle) => {
      const { verifySignatureChains } = await import('./modules/documents/verify-signatures');
      const report = await verifySignatureChains(handle.db);
      console.log(`Проверено: документов ${report.documents}, редакций ${report.versions}, подписей ${report.signatures}.`);
      if (report.broken.length) {
        for (const b of report.broken) console.error(`  документ ${b.documentId}, ${b.table} ${b.recordId}: ${b.detail}`);
        throw new Problem(409, 'Нарушена целостность документов', `Нарушенных записей: ${report.broken.length}. Восстановите их из резервной копии и выясните причину по журналу аудита.`);
      }
      console.log('Нарушений нет: хеши редакций, цепочки подписей и состояния документов сходятся.');
    }),
  );
verify
  .command('audit')
  .description('пересчитать цепочку журнала аудита и сверить её с последней опубликованной вершиной (файл в <каталог данных>/audit-heads или --head)')
  .option('--head <seq:sha256>', 'опубликованная вершина: номер записи в цепочке и её хеш, например из письма оператору')
  .action((options: { head?: string }) => {
    const config = loadConfig();
    return withDatabase(config, async (handle) => {
      const { parseHeadArgument, readPublishedHead } = await import('./modules/audit/publish-audit-head');
      const { verifyAuditChain } = await import('./modules/audit/verify-audit-chain');
      const fromArgument = options.head !== undefined ? parseHeadArgument(options.head) : null;
      if (options.head !== undefined && !fromArgument) throw new Problem(400, 'Ошибка в параметрах', '--head: номер записи и хеш SHA-256 через двоеточие, например 1234:9f86d0…');
      const publishedHead = fromArgument ?? (await readPublishedHead(config.dataDir));
      const report = await verifyAuditChain(handle.db, { publishedHead });
      console.log(`Проверено записей журнала: ${report.entries}; последняя — № ${report.last?.seq ?? 0}.`);
      console.log(publishedHead ? `Опубликованная вершина: № ${publishedHead.seq}, ${publishedHead.hash}.` : 'Опубликованной вершины нет: усечение конца журнала проверяется только по вершине в базе.');
      if (report.broken.length) {
        for (const b of report.broken) console.error(`  ${b.detail}`);
        throw new Problem(409, 'Нарушена целостность журнала аудита', `Нарушений: ${report.broken.length}. Восстановите журнал из резервной копии и выясните, кто менял базу.`);
      }
      console.log('Нарушений нет: цепочка журнала аудита сходится.');
    });
  });

program
  .command('backup <file>')
  .description('резервная копия всех данных в файл (.jsonl.gz; переносима между PGlite и PostgreSQL)')
  .action((file: string) =>
    withDatabase(loadConfig(), async (handle) => {
      const { backupDatabase } = await import('./platform/db/backup');
      const counts = await backupDatabase(handle, file);
      console.log(`Резервная копия записана в ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}.`);
    }),
  );

program
  .command('restore <file>')
  .description('восстановить все данные из резервной копии (текущие данные будут заменены)')
  .action((file: string) =>
    withDatabase(loadConfig(), async (handle) => {
      const { restoreDatabase } = await import('./platform/db/backup');
      const counts = await restoreDatabase(handle, file);
      console.log(`Восстановлено из ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}.`);
    }),
  );

program
  .command('allocate <instance>')
  .description('распределить места по выбору учеников (отложенное принятие: устойчивое распределение, лучшее для учеников); задача и результат — JSON')
  .option('--out <file>', 'записать результат в файл (без него — в стандартный вывод)')
  .option('--explain', 'добавить для каждого ученика объяснение: какие программы выше в его списке и почему не взяли')
  .action(async (file: string, options: { out?: string; explain?: boolean }) => {
    const started = performance.now();
    const { AllocationInputError, allocationResultJson, formatIssue, parseInstance, runAllocation } = await import('./algorithms/allocation');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Problem(400, 'Файл не прочитан', `${file}: ${fileErrorText(error)}`);
    }
    let outcome;
    try {
      outcome = runAllocation(parseInstance(text));
    } catch (error) {
      if (!(error instanceof AllocationInputError)) throw error;
      for (const issue of error.issues) console.error(`  ${formatIssue(issue)}`);
      const more = error.total > error.issues.length ? ` (показаны первые ${error.issues.length})` : '';
      throw new Problem(400, 'Задача распределения не принята', `ошибок: ${error.total}${more}; ничего не записано.`);
    }
    const result = allocationResultJson(outcome, { explain: options.explain });
    if (options.out) {
      try {
        await writeFile(options.out, result);
      } catch (error) {
        throw new Problem(400, 'Результат не записан', `${options.out}: ${fileErrorText(error)}`);
      }
    } else process.stdout.write(result);
    const { stats } = outcome;
    const n = (value: number) => value.toLocaleString('ru-RU');
    const percent = (share: number) => `${(100 * share).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} %`;
    console.error(
      [
        `Распределено: учеников ${n(stats.students)}, программ ${n(stats.programmes)}, мест ${n(stats.seats)}, выборов ${n(stats.choices)}.`,
        `Зачислено ${n(stats.assigned)}, без места ${n(stats.unassigned)}${stats.students > stats.studentsWithChoices ? ` (из них ничего не выбрали ${n(stats.students - stats.studentsWithChoices)})` : ''}; по первому выбору — ${percent(stats.firstChoiceShare)}, по одному из трёх первых — ${percent(stats.topThreeShare)}.`,
        `Занято мест ${percent(stats.fillRate)}; программ заполнено полностью ${n(stats.programmesFull)}, пустых ${n(stats.programmesEmpty)}, без мест ${n(stats.programmesWithoutSeats)}.`,
        `Проверено: вместимость соблюдена, каждый зачислен туда, куда просился, устойчиво (никто не вытеснил бы зачисленного по порядку программы). ${Math.round(performance.now() - started)} мс.`,
        options.out ? `Результат записан в ${options.out}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  });

function fileErrorText(error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'файл или каталог не найден';
  if (code === 'EISDIR') return 'это каталог, а не файл';
  if (code === 'EACCES' || code === 'EPERM') return 'нет прав доступа';
  if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_FS_FILE_TOO_LARGE') return 'файл слишком велик';
  return error instanceof Error ? error.message : String(error);
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof Problem) {
    console.error(`${error.title}: ${error.detail}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
