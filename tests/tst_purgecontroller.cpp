// SPDX-License-Identifier: GPL-3.0-or-later
// The PurgeController without a window, over module caches written by the real go 1.19 from
// a file:// proxy: what its signals say is checked against the files on disk and against a
// fresh scan. Also the state rule: ModuleVersionRecord::afterLightClean()/afterRestore()
// must predict what the scanner reports after a light clean and a restore.
#include <sys/file.h>
#include <sys/stat.h>

#include <cerrno>
#include <memory>
#include <optional>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include "PurgeController.h"
#include "purge/PurgeJob.h"
#include "purge/PurgePlanner.h"
#include "purge/RestoreJob.h"
#include "scan/DiskUsage.h"
#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr int jobTimeoutMs = 60000;

const QString kA100 = u"example.com/a@v1.0.0"_s;
const QString kA110 = u"example.com/a@v1.1.0"_s;
const QString kAb = u"example.com/ab@v1.0.0"_s;
const QString kUpper = u"github.com/Upper/Case@v1.0.0"_s;

/// Everything the controller said, in order of arrival.
class Recorder final : public QObject
{
public:
    explicit Recorder(PurgeController &c)
    {
        connect(&c, &PurgeController::busyChanged, this, [this](bool b) { busy.append(b); });
        connect(&c, &PurgeController::jobStarted, this, [this](int n) { started.append(n); });
        connect(&c, &PurgeController::progressChanged, this, [this](int n) { progress = n; });
        connect(&c, &PurgeController::versionsRemoved, this,
                [this](const QStringList &ids) { removed += ids; });
        connect(&c, &PurgeController::versionsChanged, this,
                [this](const QList<ModuleVersionRecord> &records) { changed += records; });
        connect(&c, &PurgeController::movedToTrash, this,
                [this](quint64 bytes) { toTrash += bytes; });
        connect(&c, &PurgeController::trashReleased, this,
                [this](const QString &, quint64 bytes) { released += bytes; });
        connect(&c, &PurgeController::statusMessage, this,
                [this](const QString &s) { statuses.append(s); });
        connect(&c, &PurgeController::problems, this,
                [this](const QString &title, const QString &, const QList<PurgeItemResult> &items) {
                    problemTitles.append(title);
                    problems += items;
                });
        connect(&c, &PurgeController::rescanNeeded, this, [this] { ++rescans; });
        connect(&c, &PurgeController::purgeFinished, this, [this, &c] {
            ++purgeFinished;
            busyAtPurgeFinished = c.isBusy();
        });
        connect(&c, &PurgeController::reapFinished, this, [this] { ++reapFinished; });
    }

    /// The last record versionsChanged() carried for id.
    [[nodiscard]] std::optional<ModuleVersionRecord> lastChanged(const QString &id) const
    {
        for (auto it = changed.crbegin(); it != changed.crend(); ++it)
            if (it->id() == id)
                return *it;
        return std::nullopt;
    }
    [[nodiscard]] QStringList problemIds() const
    {
        QStringList ids;
        for (const PurgeItemResult &r : problems)
            ids << r.path + u'@' + r.version;
        return ids;
    }

    QList<bool> busy;
    QList<int> started;
    int progress = -1;
    QStringList removed;
    QList<ModuleVersionRecord> changed;
    quint64 toTrash = 0;
    quint64 released = 0;
    QStringList statuses;
    QStringList problemTitles;
    QList<PurgeItemResult> problems;
    int rescans = 0;
    int purgeFinished = 0;
    bool busyAtPurgeFinished = true;
    int reapFinished = 0;
};

[[nodiscard]] std::optional<ModuleVersionRecord> scanned(const QString &gomodcache,
                                                         const QString &id)
{
    const ScanResult scan = CacheScanner::run({gomodcache});
    for (const ModuleVersionRecord &r : scan.versions)
        if (r.id() == id)
            return r;
    return std::nullopt;
}

/// What a prediction gets wrong about the scanner's record (the apparent size is not
/// predicted: the tree's apparent size is not recorded). Empty when it is right.
[[nodiscard]] QString mismatch(const ModuleVersionRecord &predicted,
                               const ModuleVersionRecord &scan)
{
    QStringList out;
    auto check = [&](const char *what, quint64 a, quint64 b) {
        if (a != b)
            out << u"%1: predicted %2, scanned %3"_s.arg(QLatin1String(what)).arg(a).arg(b);
    };
    if (predicted.state != scan.state)
        out << u"state: predicted %1, scanned %2"_s.arg(toString(predicted.state),
                                                        toString(scan.state));
    check("pieces", predicted.pieces, scan.pieces);
    check("diskBytes", predicted.diskBytes, scan.diskBytes);
    check("treeBytes", predicted.treeBytes, scan.treeBytes);
    check("files", predicted.files, scan.files);
    return out.join(u"; "_s);
}

[[nodiscard]] PurgePlan planOf(const QString &gomodcache, const QStringList &ids, bool light)
{
    ScanResult scan = CacheScanner::run({gomodcache});
    PurgeCriteria criteria;
    criteria.patterns = ids;
    criteria.light = light;
    return PurgePlanner::plan(scan, criteria).valueOr(PurgePlan());
}

[[nodiscard]] PurgeController::Options optionsFor(const QString &gomodcache,
                                                  int lockTimeoutMs = 30000)
{
    PurgeController::Options o;
    o.gomodcache = gomodcache;
    o.lockTimeoutMs = lockTimeoutMs;
    return o;
}

/// Measures a version's tree as the controller does after a restore (DiskUsage).
[[nodiscard]] std::optional<ScanTotals> measureTree(const QString &gomodcache,
                                                    const ModuleVersionRecord &r)
{
    QFuture<ScanChunk> f
        = DiskUsage::start(gomodcache + u'/' + r.escapedPath + u'@' + r.escapedVersion);
    f.waitForFinished();
    if (f.resultCount() == 0)
        return std::nullopt;
    const ScanChunk last = f.resultAt(f.resultCount() - 1);
    if (!last.final || last.error.isError())
        return std::nullopt;
    return last.totals;
}

} // namespace

class TestPurgeController final : public QObject
{
    Q_OBJECT

public:
    TestPurgeController() = default;
    Q_DISABLE_COPY_MOVE(TestPurgeController)

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void shouldRemoveVersionsAndSayWhichWentAway();
    void shouldStayBusyUntilTheOutcomeIsDelivered();
    void shouldLightCleanAndRestoreWithRecordsTheScannerConfirms();
    void shouldStopAPurgeThatWaitsForGo();
    void shouldListTheVersionsOfARolledBackJournal();
    void shouldPurgeEverythingThenReapAfterTheRescan();
    void shouldPredictWhatTheScannerSeesAfterLightCleanAndRestore();

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    std::unique_ptr<ScratchDir> m_work;
    QString m_cache;
};

void TestPurgeController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_scratch = std::make_unique<ScratchDir>(u"tst_purgecontroller"_s);
    QVERIFY(m_scratch->isValid());
    m_world = std::make_unique<World>(m_scratch->path());
    const QString error = m_world->build(standardVersions(), {GoTool::go119()});
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestPurgeController::init()
{
    m_work = std::make_unique<ScratchDir>(u"tst_purgecontroller-"_s
                                          + QString::fromLatin1(QTest::currentTestFunction()));
    QVERIFY(m_work->isValid());
    m_cache = m_world->freshCache(GoTool::go119(), m_work->path());
    QVERIFY(!m_cache.isEmpty());
}

void TestPurgeController::cleanup()
{
    m_work.reset();
}

void TestPurgeController::shouldRemoveVersionsAndSayWhichWentAway()
{
    PurgeController c;
    Recorder rec(c);
    const PurgePlan plan = planOf(m_cache, {kA100, kA110}, false);
    QCOMPARE(plan.items.size(), 2);
    quint64 trees = 0;
    for (const PurgeItem &i : plan.items)
        trees += i.version.treeBytes;

    QVERIFY(c.purge(optionsFor(m_cache), plan));
    QVERIFY(c.isBusy());
    QCOMPARE(rec.busy, QList<bool>{true});
    QCOMPARE(rec.started, QList<int>{2});
    QVERIFY(!c.purge(optionsFor(m_cache), plan)); // one job at a time
    QTRY_COMPARE_WITH_TIMEOUT(rec.purgeFinished, 1, jobTimeoutMs);

    QStringList removed = rec.removed;
    removed.sort();
    QCOMPARE(removed, (QStringList{kA100, kA110}));
    for (const QString &id : {kA100, kA110}) {
        const Pieces p = piecesOf(m_cache, id);
        QVERIFY2(p.gone(), qPrintable(id + u' ' + p.describe()));
    }
    QVERIFY(piecesOf(m_cache, u"example.com/a@v1.2.0"_s).complete());
    QCOMPARE(rec.busy, (QList<bool>{true, false}));
    QVERIFY(!rec.busyAtPurgeFinished);
    QCOMPARE(rec.progress, 2);
    QCOMPARE(rec.toTrash, trees); // the trees went to the trash, for the reaper
    QVERIFY(rec.problems.isEmpty());
    QVERIFY2(rec.statuses.last().startsWith(u"Removed 2 versions"_s),
             qPrintable(rec.statuses.last()));

    // The reaper empties the trash and says how much that freed.
    QTRY_COMPARE_WITH_TIMEOUT(rec.reapFinished, 1, jobTimeoutMs);
    QVERIFY(!c.isReaping());
    QCOMPARE(entries(trashPath(m_cache)), QStringList());
    QVERIFY(rec.released > 0);
    QVERIFY(c.freedBytes() >= rec.released);
    QVERIFY(!c.isFreeing());
}

void TestPurgeController::shouldStayBusyUntilTheOutcomeIsDelivered()
{
    // The job ends on the core pool before its finished handler runs on this thread: until
    // then the window must not start another job or show the old rows as idle.
    PurgeController c;
    Recorder rec(c);
    QVERIFY(c.purge(optionsFor(m_cache), planOf(m_cache, {kAb}, false)));
    QElapsedTimer clock;
    clock.start();
    while (!piecesOf(m_cache, kAb).gone() && clock.elapsed() < jobTimeoutMs)
        QThread::msleep(20); // no event loop: the finished handler cannot run
    QVERIFY(piecesOf(m_cache, kAb).gone());
    QThread::msleep(200); // the job's last steps after the files (journal, unlock)
    QVERIFY(c.isBusy());
    QCOMPARE(rec.purgeFinished, 0);
    QTRY_COMPARE_WITH_TIMEOUT(rec.purgeFinished, 1, jobTimeoutMs);
    QVERIFY(!c.isBusy());
}

void TestPurgeController::shouldLightCleanAndRestoreWithRecordsTheScannerConfirms()
{
    PurgeController c;
    Recorder rec(c);
    const std::optional<ModuleVersionRecord> before = scanned(m_cache, kAb);
    QVERIFY(before);
    QCOMPARE(int(before->state), int(VersionState::Complete));
    const PurgePlan plan = planOf(m_cache, {kAb}, true);
    QCOMPARE(plan.items.size(), 1);
    QCOMPARE(int(plan.items.first().mode), int(PurgeMode::Light));

    QVERIFY(c.purge(optionsFor(m_cache), plan));
    QTRY_COMPARE_WITH_TIMEOUT(rec.purgeFinished, 1, jobTimeoutMs);
    QVERIFY(rec.removed.isEmpty()); // the row stays
    QVERIFY2(piecesOf(m_cache, kAb).archiveOnly(), qPrintable(piecesOf(m_cache, kAb).describe()));
    const std::optional<ModuleVersionRecord> light = rec.lastChanged(kAb);
    QVERIFY(light);
    const std::optional<ModuleVersionRecord> lightScan = scanned(m_cache, kAb);
    QVERIFY(lightScan);
    QCOMPARE(int(lightScan->state), int(VersionState::ArchiveOnly));
    QVERIFY2(mismatch(*light, *lightScan).isEmpty(), qPrintable(mismatch(*light, *lightScan)));
    QCOMPARE(rec.toTrash, before->treeBytes);
    QVERIFY2(rec.statuses.last().startsWith(u"Dropped the trees of 1 version"_s),
             qPrintable(rec.statuses.last()));
    QTRY_COMPARE_WITH_TIMEOUT(rec.reapFinished, 1, jobTimeoutMs);

    // Restore the record the window holds now; once measured, it is what a scan reports.
    rec.changed.clear();
    QVERIFY(c.restore(optionsFor(m_cache), {*light}));
    QVERIFY(c.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(rec.purgeFinished, 2, jobTimeoutMs);
    QVERIFY2(piecesOf(m_cache, kAb).complete(), qPrintable(piecesOf(m_cache, kAb).describe()));
    QCOMPARE(modeOf(treeOf(m_cache, kAb)) & 07777, mode_t(0555)); // as go extracts
    QVERIFY(rec.problems.isEmpty());
    QVERIFY2(rec.statuses.last().startsWith(u"Restored 1 version"_s),
             qPrintable(rec.statuses.last()));
    QTRY_COMPARE_WITH_TIMEOUT(rec.changed.size(), 2, jobTimeoutMs); // at once, then measured
    const std::optional<ModuleVersionRecord> restoredScan = scanned(m_cache, kAb);
    QVERIFY(restoredScan);
    QCOMPARE(int(restoredScan->state), int(VersionState::Complete));
    const ModuleVersionRecord measured = rec.changed.last();
    QVERIFY2(mismatch(measured, *restoredScan).isEmpty(),
             qPrintable(mismatch(measured, *restoredScan)));
    QCOMPARE(measured.diskBytes, before->diskBytes);
}

void TestPurgeController::shouldStopAPurgeThatWaitsForGo()
{
    PurgeController c;
    Recorder rec(c);
    // go holds the first version for a long time: the purge waits on its lock.
    QFile lock(fileOf(m_cache, kA100, u".lock"_s));
    QVERIFY(lock.open(QIODevice::ReadWrite));
    QCOMPARE(::flock(lock.handle(), LOCK_EX | LOCK_NB), 0);
    const PurgePlan plan = planOf(m_cache, {kA100, kA110}, false);
    QCOMPARE(plan.items.size(), 2);

    QVERIFY(c.purge(optionsFor(m_cache, 60000), plan));
    QTest::qWait(300); // it is waiting for go's lock now
    QVERIFY(c.isBusy());
    QElapsedTimer clock;
    clock.start();
    c.stop();
    QTRY_COMPARE_WITH_TIMEOUT(rec.purgeFinished, 1, 10000);
    QVERIFY2(clock.elapsed() < 5000, "Stop must not wait for the lock timeout");
    ::flock(lock.handle(), LOCK_UN);

    // Nothing after the stop point was touched, nothing is reported gone, and it is idle.
    QVERIFY(rec.removed.isEmpty());
    QVERIFY(piecesOf(m_cache, kA100).complete());
    QVERIFY(piecesOf(m_cache, kA110).complete());
    QVERIFY(!c.isBusy());
    QCOMPARE(rec.busy, (QList<bool>{true, false}));
    QVERIFY2(rec.statuses.last().contains(u"stopped"_s), qPrintable(rec.statuses.last()));
}

void TestPurgeController::shouldListTheVersionsOfARolledBackJournal()
{
    // A purge of a.v1.1.0 failed and was being undone when the process died: its journal says
    // "rollback" and its .partial marker is still there. Recovery rolls it back and names it.
    const QString trash = trashPath(m_cache);
    QVERIFY(::mkdir(QFile::encodeName(trash).constData(), 0755) == 0 || errno == EEXIST);
    const QByteArray body = "modkeeper-purge 2\nexample.com/a\nv1.1.0\nrollback\n";
    const QByteArray journal = body + "sha256 "
                               + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()
                               + '\n';
    QVERIFY(writeFile(trash + u"/1700000000000-42.purge"_s, journal));
    QVERIFY(writeFile(fileOf(m_cache, kA110, u".partial"_s), QByteArray()));
    QVERIFY(!piecesOf(m_cache, kA110).usableTree());

    PurgeController c;
    Recorder rec(c);
    // Once per folder, after a completed scan that saw trash.
    c.afterScan(m_cache, false, 1);
    QVERIFY(!c.isBusy());
    c.afterScan(m_cache, true, 1);
    QVERIFY(c.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!c.isBusy(), jobTimeoutMs);

    QCOMPARE(rec.problemIds(), QStringList{kA110});
    QCOMPARE(rec.problemTitles, QStringList{u"Interrupted purges rolled back"_s});
    QCOMPARE(int(rec.problems.first().outcome), int(PurgeOutcome::Failed));
    QVERIFY2(rec.problems.first().error.message.contains(u"rolled back"_s),
             qPrintable(rec.problems.first().error.toString()));
    const Pieces p = piecesOf(m_cache, kA110);
    QVERIFY2(p.complete(), qPrintable(p.describe()));
    QCOMPARE(entries(trash), QStringList());
    QCOMPARE(rec.purgeFinished, 0); // no purge of the user's ran
    // The tree must show the version again before the space is freed: a rescan first.
    QCOMPARE(rec.rescans, 1);
    QVERIFY(!c.isReaping());
    c.afterScan(m_cache, true, 0);
    QVERIFY(c.isReaping());
    QTRY_COMPARE_WITH_TIMEOUT(rec.reapFinished, 1, jobTimeoutMs);
    // The next scan of the same folder does not recover again.
    c.afterScan(m_cache, true, 1);
    QVERIFY(!c.isBusy());
}

void TestPurgeController::shouldPurgeEverythingThenReapAfterTheRescan()
{
    PurgeController c;
    Recorder rec(c);
    QVERIFY(c.purgeEverything(m_cache));
    QVERIFY(c.isBusy());
    QVERIFY(c.isFreeing());
    QTRY_COMPARE_WITH_TIMEOUT(rec.purgeFinished, 1, jobTimeoutMs);
    QCOMPARE(rec.rescans, 1);
    QVERIFY(!rec.busyAtPurgeFinished);
    QCOMPARE(entries(m_cache), QStringList{CacheScanner::trashDirName()});
    QVERIFY2(rec.statuses.last().startsWith(u"Moved "_s), qPrintable(rec.statuses.last()));
    // The window rescans, then tells the controller; the reaper starts.
    c.afterScan(m_cache, true, 1);
    QVERIFY(c.isReaping());
    QTRY_COMPARE_WITH_TIMEOUT(rec.reapFinished, 1, jobTimeoutMs);
    QCOMPARE(entries(trashPath(m_cache)), QStringList());
    QVERIFY(c.freedBytes() > 0);
}

void TestPurgeController::shouldPredictWhatTheScannerSeesAfterLightCleanAndRestore()
{
    // The core alone: afterLightClean()/afterRestore() against the scanner's own record. A
    // version with a half tree (go's .partial marker left by an extraction that died) is
    // partial; its restore replaces the half tree, which must not be counted twice.
    QVERIFY(writeFile(fileOf(m_cache, kUpper, u".partial"_s), QByteArray()));
    const ScanResult before = CacheScanner::run({m_cache});
    QHash<QString, ModuleVersionRecord> records;
    for (const ModuleVersionRecord &r : before.versions)
        records.insert(r.id(), r);
    QCOMPARE(int(records.value(kUpper).state), int(VersionState::Partial));
    QCOMPARE(int(records.value(kA100).state), int(VersionState::Complete));

    // Light clean of a complete version: predicted from the record before.
    const PurgePlan plan = planOf(m_cache, {kA100}, true);
    QCOMPARE(plan.items.size(), 1);
    const QList<PurgeItemResult> purged = PurgeJob::run({m_cache, 30000}, plan);
    QCOMPARE(purged.size(), 1);
    QCOMPARE(int(purged.first().outcome), int(PurgeOutcome::Removed));
    const ModuleVersionRecord light = records.value(kA100).afterLightClean();
    const std::optional<ModuleVersionRecord> lightScan = scanned(m_cache, kA100);
    QVERIFY(lightScan);
    QCOMPARE(int(light.state), int(VersionState::ArchiveOnly));
    QVERIFY2(mismatch(light, *lightScan).isEmpty(), qPrintable(mismatch(light, *lightScan)));
    QCOMPARE(light.files, quint64(0));

    // Restore both the light-cleaned and the partial version, then predict from the measured trees.
    const QList<ModuleVersionRecord> toRestore{*lightScan, records.value(kUpper)};
    for (const ModuleVersionRecord &r : toRestore)
        QVERIFY2(RestoreJob::isRestorable(r), qPrintable(r.id()));
    const QList<PurgeItemResult> restored = RestoreJob::run({m_cache, 30000, false}, toRestore);
    QCOMPARE(restored.size(), 2);
    for (const PurgeItemResult &r : restored)
        QVERIFY2(r.outcome == PurgeOutcome::Restored,
                 qPrintable(r.path + u' ' + toString(r.outcome) + u' ' + r.error.toString()));
    for (const ModuleVersionRecord &r : toRestore) {
        const std::optional<ScanTotals> tree = measureTree(m_cache, r);
        QVERIFY(tree);
        const ModuleVersionRecord predicted
            = r.afterRestore(tree->diskBytes, tree->apparentBytes, tree->files);
        const std::optional<ModuleVersionRecord> scan = scanned(m_cache, r.id());
        QVERIFY(scan);
        QCOMPARE(int(scan->state), int(VersionState::Complete));
        QCOMPARE(int(predicted.state), int(VersionState::Complete));
        QVERIFY2(mismatch(predicted, *scan).isEmpty(),
                 qPrintable(r.id() + u": "_s + mismatch(predicted, *scan)));
    }
    // The complete version comes back as it was before the light clean.
    QCOMPARE(scanned(m_cache, kA100)->diskBytes, records.value(kA100).diskBytes);
}

QTEST_GUILESS_MAIN(TestPurgeController)
#include "tst_purgecontroller.moc"
