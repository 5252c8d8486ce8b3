// SPDX-License-Identifier: GPL-3.0-or-later
// Crash-point enumeration for the per-version purge protocol (reliability.md §5 D1): the
// helper purge_crasher runs one purge and dies with _exit(42) right after step K, for every K
// and both modes. Then the real go 1.19 / 1.23 must find the version usable or cleanly
// missing (never a half tree), repair it from the file:// proxy with the same hash, and
// `modkeeper-cli trash --empty` must complete the interrupted purge from its journal.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "purge/TrashReaper.h"
#include "purge/VersionPurger.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

const QString kId = u"example.com/a@v1.1.0"_s;
const QString kOther = u"example.com/ab@v1.0.0"_s;
constexpr int kJournalRemoved = int(VersionPurger::Step::JournalRemoved);
constexpr int kTreeMoved = int(VersionPurger::Step::TreeMoved);
constexpr int kPartialCreated = int(VersionPurger::Step::PartialCreated);

const char *stepName(int k)
{
    static const char *names[]
        = {"",           "JournalWritten", "Locked",         "PartialCreated",
           "TreeMoved",  "ZipRemoved",     "ZiphashRemoved", "InfoRemoved",
           "ModRemoved", "ListRewritten",  "PartialRemoved", "JournalRemoved"};
    return k >= 0 && k <= VersionPurger::StepCount ? names[k] : "?";
}

/// The steps a purge in this mode goes through (a light clean keeps zip, ziphash, info, mod, list).
QList<int> stepsOf(const QString &mode)
{
    QList<int> out;
    for (int k = 1; k <= VersionPurger::StepCount; ++k) {
        const bool fullOnly = k >= int(VersionPurger::Step::ZipRemoved)
                              && k <= int(VersionPurger::Step::ListRewritten);
        if (mode == u"full" || !fullOnly)
            out << k;
    }
    return out;
}

QStringList journals(const QString &gomodcache)
{
    QStringList out;
    for (const QString &name : entries(trashPath(gomodcache)))
        if (name.endsWith(u".purge"_s))
            out << name;
    return out;
}

/// Runs purge_crasher; returns its result.
ProcessResult crash(const QString &gomodcache, const QString &mode, int step,
                    const QString &id = kId)
{
    const qsizetype at = id.indexOf(u'@');
    const QString escPath = ModulePath::escapePath(id.left(at)).valueOr(QString());
    const QString escVersion = ModulePath::escapeVersion(id.mid(at + 1)).valueOr(QString());
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    return Subprocess::run(crasherPath(),
                           {gomodcache, escPath, escVersion, mode, QString::number(step)}, env);
}

bool listNames(const QString &gomodcache, const QString &version)
{
    return readFile(listOf(gomodcache, u"example.com/a"_s)).split('\n').contains(version.toUtf8());
}

/// Rewrites a journal's content as damage would, keeping its times (the purge made its
/// .partial after the journal, and recovery may rely on that order).
bool damageJournal(const QString &path, const QString &damage)
{
    const QByteArray old = readFile(path);
    const QList<QByteArray> lines = old.split('\n');
    if (lines.size() < 4)
        return false;
    const QByteArray head = lines[0] + '\n' + lines[1] + '\n' + lines[2] + '\n';
    QByteArray text;
    if (damage == u"torn-mode") {
        text = head + "li"; // "light", cut short
    } else if (damage == u"empty") {
    } else if (damage == u"bad-checksum") {
        text = old;
        text.replace("\nlight\n", "\nfull\n"); // a flipped record under the old checksum
        if (text == old)
            return false;
    } else if (damage == u"unknown-mode") {
        const QByteArray body = head + "li\n"; // whole, checksummed, but no mode we know
        text = body + "sha256 " + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()
               + '\n';
    } else {
        return false;
    }
    struct stat st;
    const QByteArray name = QFile::encodeName(path);
    if (::stat(name.constData(), &st) != 0 || !writeFile(path, text))
        return false;
    const struct timespec times[2] = {st.st_atim, st.st_mtim};
    return ::utimensat(AT_FDCWD, name.constData(), times, 0) == 0;
}

} // namespace

class TestPurgeCrash : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    [[nodiscard]] const World &world() const { return *m_world; }

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_purgecrash-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

    [[nodiscard]] ProcessResult emptyTrash(const QString &gomodcache) const
    {
        return runCli({u"trash"_s, u"--empty"_s, u"--json"_s, u"--modcache"_s, gomodcache},
                      cliEnv(world().home()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_purgecrash"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(standardVersions());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldLeaveAStateGoRepairsAndRecoveryCompletesAfterACrashAtEveryStep_data()
    {
        QTest::addColumn<QString>("go");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("step");
        for (const QString &go : goCommands())
            for (const QString &mode : {u"full"_s, u"light"_s})
                for (int k : stepsOf(mode))
                    QTest::addRow("%s %s, crash after %d %s", qPrintable(GoTool::label(go)),
                                  qPrintable(mode), k, stepName(k))
                        << go << mode << k;
    }

    void shouldLeaveAStateGoRepairsAndRecoveryCompletesAfterACrashAtEveryStep()
    {
        QFETCH(QString, go);
        QFETCH(QString, mode);
        QFETCH(int, step);
        const bool full = mode == u"full";
        const auto work = workDir();
        const QString sample
            = world().writeSampleModule(work->filePath(u"sample"_s), {kId, kOther});
        QVERIFY(!sample.isEmpty());
        const QString sum = world().sums(kId).sum;
        // Until the tree is gone the version stays usable offline; a full purge takes the zip next.
        const bool usableOffline = !full || step <= kTreeMoved;
        const bool journalLeft = step < kJournalRemoved;

        // --- 1. go comes first: it must see a usable or a cleanly missing version, and repair it.
        {
            const QString cache = world().freshCache(go, work->path(), u"go-first"_s);
            QVERIFY(!cache.isEmpty());
            const ProcessResult c = crash(cache, mode, step);
            QCOMPARE(c.exitCode, 42);
            QCOMPARE(c.stdOut.trimmed(), "crashed " + QByteArray::number(step));
            QCOMPARE(journals(cache).size(), journalLeft ? 1 : 0);
            QVERIFY(piecesOf(cache, kId).lock);

            const GoDownloadResult offline = goDownload(go, world().env(go, cache, false), kId);
            if (usableOffline) {
                QVERIFY2(offline.ok(), qPrintable(offline.describe()));
                QCOMPARE(offline.modules.value(0).sum, sum);
                QCOMPARE(offline.modules.value(0).dir, treeOf(cache, kId));
                QVERIFY2(piecesOf(cache, kId).usableTree(),
                         qPrintable(piecesOf(cache, kId).describe()));
            } else {
                QVERIFY2(offlineLookupRefused(offline), qPrintable(offline.describe()));
                QVERIFY2(!piecesOf(cache, kId).usableTree(),
                         qPrintable(piecesOf(cache, kId).describe()));
            }

            const GoDownloadResult online = goDownload(go, world().env(go, cache), kId);
            QVERIFY2(online.ok(), qPrintable(online.describe()));
            QCOMPARE(online.modules.value(0).sum, sum);
            QVERIFY2(piecesOf(cache, kId).complete(), qPrintable(piecesOf(cache, kId).describe()));
            const ProcessResult verify
                = GoTool::run(go, {u"mod"_s, u"verify"_s}, world().env(go, cache), sample);
            QVERIFY2(verify.succeeded() && verify.stdOut.contains("all modules verified"),
                     qPrintable(verify.describe()));

            const ProcessResult emptied = emptyTrash(cache);
            QVERIFY2(emptied.succeeded(), qPrintable(emptied.describe()));
            QCOMPARE(jsonObject(emptied.stdOut).value(u"recoveredPurges"_s).toInt(-1),
                     journalLeft ? 1 : 0);
            QCOMPARE(entries(trashPath(cache)), QStringList{});
            const Pieces p = piecesOf(cache, kId);
            if (!journalLeft)
                QVERIFY2(p.complete(),
                         qPrintable(p.describe())); // the purge had finished; go brought it back
            else if (full)
                QVERIFY2(p.gone() && p.lock && !listNames(cache, u"v1.1.0"_s),
                         qPrintable(p.describe()));
            else
                QVERIFY2(p.archiveOnly() && p.lock, qPrintable(p.describe()));
            QVERIFY2(piecesOf(cache, kOther).complete(),
                     "a purge of another version must not touch this one");
        }

        // --- 2. recovery comes first: the result is what the purge meant, and go agrees. The
        // protocol does not depend on go's version, so one judge is enough here.
        if (go == GoTool::go123()) {
            const QString cache = world().freshCache(go, work->path(), u"recovery-first"_s);
            QVERIFY(!cache.isEmpty());
            const ProcessResult c = crash(cache, mode, step);
            QCOMPARE(c.exitCode, 42);

            const ProcessResult emptied = emptyTrash(cache);
            QVERIFY2(emptied.succeeded(), qPrintable(emptied.describe()));
            QCOMPARE(jsonObject(emptied.stdOut).value(u"recoveredPurges"_s).toInt(-1),
                     journalLeft ? 1 : 0);
            QCOMPARE(entries(trashPath(cache)), QStringList{});
            const Pieces p = piecesOf(cache, kId);
            if (full)
                QVERIFY2(p.gone() && p.lock && !listNames(cache, u"v1.1.0"_s),
                         qPrintable(p.describe()));
            else
                QVERIFY2(p.archiveOnly() && p.lock, qPrintable(p.describe()));
            QVERIFY(piecesOf(cache, kOther).complete());

            const GoDownloadResult offline = goDownload(go, world().env(go, cache, false), kId);
            if (full) {
                QVERIFY2(offlineLookupRefused(offline), qPrintable(offline.describe()));
            } else {
                QVERIFY2(offline.ok(), qPrintable(offline.describe()));
                QCOMPARE(offline.modules.value(0).sum, sum);
            }
            const GoDownloadResult online = goDownload(go, world().env(go, cache), kId);
            QVERIFY2(online.ok(), qPrintable(online.describe()));
            QCOMPARE(online.modules.value(0).sum, sum);
        }
    }

    // A purge that finds a journal completes that purge first.
    void shouldCompleteAnInterruptedPurgeBeforeTheNextOne()
    {
        const auto work = workDir();
        const QString go = GoTool::go123();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        QCOMPARE(crash(cache, u"full"_s, kTreeMoved).exitCode, 42);
        const ProcessResult r = runCli({u"purge"_s, u"--wait"_s, u"--modcache"_s, cache, kOther},
                                       cliEnv(world().home()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QVERIFY2(piecesOf(cache, kId).gone(), qPrintable(piecesOf(cache, kId).describe()));
        QVERIFY2(piecesOf(cache, kOther).gone(), qPrintable(piecesOf(cache, kOther).describe()));
        QCOMPARE(entries(trashPath(cache)), QStringList{});
    }

    // A crash while recovery itself completes a crashed purge (the machine went down twice),
    // with go re-extracting the version after each crash. Recovery must still finish, whatever
    // order the directory lists the two journals in: repeated, since that order is the file
    // system's (a name-hash order on ext4).
    void shouldFinishRecoveryAfterRecoveryItselfCrashed()
    {
        const QString go = GoTool::go123();
        QStringList failures;
        for (int trial = 0; trial < 6; ++trial) {
            const auto work = workDir();
            const QString cache = world().freshCache(go, work->path());
            QVERIFY(!cache.isEmpty());
            QCOMPARE(crash(cache, u"full"_s, kTreeMoved).exitCode, 42);
            QVERIFY(goDownload(go, world().env(go, cache, false), kId).ok()); // go re-extracts
            const ProcessResult second = Subprocess::run(
                crasherPath(), {cache, u"-"_s, u"-"_s, u"recover"_s, QString::number(kTreeMoved)},
                cliEnv(world().home()));
            QCOMPARE(second.exitCode, 42);
            QVERIFY(goDownload(go, world().env(go, cache, false), kId).ok()); // and again

            const ProcessResult emptied = emptyTrash(cache);
            const Pieces p = piecesOf(cache, kId);
            if (!emptied.succeeded() || !p.gone() || !entries(trashPath(cache)).isEmpty())
                failures << u"trial %1: %2 %3, trash %4"_s.arg(trial).arg(
                    emptied.describe(), p.describe(), entries(trashPath(cache)).join(u' '));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n\n"_s)));
    }

    // A journal recovery cannot trust is rolled back, never completed (issue 10 §3): a torn
    // mode line "li" (from "light") was completed as a full purge, and the kept zip was lost.
    // Whether the tree was still in place or already in the trash, every file of the version
    // stays, the .partial marker goes, the journal goes, and the rollback is reported.
    void shouldRollBackAJournalItCannotTrust_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<QString>("damage");
        for (int step : {kPartialCreated, kTreeMoved})
            for (const QString &damage :
                 {u"torn-mode"_s, u"empty"_s, u"bad-checksum"_s, u"unknown-mode"_s})
                QTest::addRow("light crashed after %s, journal %s", stepName(step),
                              qPrintable(damage))
                    << step << damage;
    }

    void shouldRollBackAJournalItCannotTrust()
    {
        QFETCH(int, step);
        QFETCH(QString, damage);
        const QString go = GoTool::go123();
        const auto work = workDir();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString sum = world().sums(kId).sum;
        QCOMPARE(crash(cache, u"light"_s, step).exitCode, 42);
        const QStringList left = journals(cache);
        QCOMPARE(left.size(), 1);
        QVERIFY(piecesOf(cache, kId).partial);
        QVERIFY(damageJournal(trashPath(cache) + u'/' + left.first(), damage));

        VersionPurger purger(cache);
        QVERIFY(purger.open());
        const Expected<int> recovered = purger.recover();
        QVERIFY(recovered.ok());
        QCOMPARE(recovered.value(), 0); // nothing completed
        const Pieces p = piecesOf(cache, kId);
        QVERIFY2(p.complete(), qPrintable(p.describe()));
        QVERIFY(listNames(cache, u"v1.1.0"_s));
        QCOMPARE(journals(cache), QStringList{});
        QCOMPARE(purger.rolledBack().size(), 1);
        QCOMPARE(purger.rolledBack().first().path, u"example.com/a"_s);
        QCOMPARE(purger.rolledBack().first().version, u"v1.1.0"_s);
        QVERIFY(!purger.rolledBack().first().error.message.isEmpty());

        // Nothing is left for the trash to take from the version, and go finds it whole, offline.
        const ProcessResult emptied = emptyTrash(cache);
        QVERIFY2(emptied.succeeded(), qPrintable(emptied.describe()));
        QCOMPARE(jsonObject(emptied.stdOut).value(u"recoveredPurges"_s).toInt(-1), 0);
        QCOMPARE(entries(trashPath(cache)), QStringList{});
        QVERIFY2(piecesOf(cache, kId).complete(), qPrintable(piecesOf(cache, kId).describe()));
        const GoDownloadResult offline = goDownload(go, world().env(go, cache, false), kId);
        QVERIFY2(offline.ok(), qPrintable(offline.describe()));
        QCOMPARE(offline.modules.value(0).sum, sum);
        QCOMPARE(offline.modules.value(0).dir, treeOf(cache, kId));
        QVERIFY(piecesOf(cache, kOther).complete());
    }

    // A journal that cannot even tell its version, with the purge's tree in the trash: the
    // tree is kept (with the journal) and reported, and the reaper leaves it alone.
    void shouldKeepTheTrashEntryOfAJournalThatCannotTellItsVersion()
    {
        const auto work = workDir();
        const QString cache = world().freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(::mkdir(QFile::encodeName(trashPath(cache)).constData(), 0755) == 0
                || errno == EEXIST);
        QVERIFY(writeFile(trashPath(cache) + u"/123-456/go.mod"_s, "module example.com/lost\n"));
        QVERIFY(writeFile(trashPath(cache) + u"/123-456.purge"_s, "modkeeper-purge 2\nexample.co"));

        VersionPurger purger(cache);
        QVERIFY(purger.open());
        const Expected<int> recovered = purger.recover();
        QVERIFY(recovered.ok());
        QCOMPARE(recovered.value(), 0);
        QCOMPARE(purger.rolledBack().size(), 1);
        QVERIFY2(purger.rolledBack().first().error.message.contains(u"kept"_s),
                 qPrintable(purger.rolledBack().first().error.toString()));
        const ReapProgress reaped = TrashReaper::run(cache);
        QVERIFY(reaped.final);
        QCOMPARE(readFile(trashPath(cache) + u"/123-456/go.mod"_s),
                 QByteArray("module example.com/lost\n"));
        QVERIFY(exists(trashPath(cache) + u"/123-456.purge"_s));
    }

    // A purge that fails (here at the tree move: the tree's parent directory belongs to root
    // and the purge runs as another user) and says so must be undone at once. Before, its
    // .partial and journal stayed, and the next `trash --empty` (run by root, who may move the
    // tree) carried the purge out anyway.
    void shouldUndoAPurgeThatFailedAtTheTreeMove()
    {
        const auto work = workDir();
        const QString go = GoTool::go123();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString sum = world().sums(kId).sum;
        QVERIFY(::chmod(QFile::encodeName(work->path()).constData(), 0755) == 0);
        const unsigned nobody = Subprocess::UnprivilegedUid;
        const ProcessResult chown
            = Subprocess::run(u"/bin/chown"_s, {u"-R"_s, u"%1:%1"_s.arg(nobody), cache});
        QVERIFY2(chown.succeeded(), qPrintable(chown.describe()));
        QVERIFY(::chown(QFile::encodeName(cache + u"/example.com"_s).constData(), 0, 0) == 0);
        const mode_t treeMode = modeOf(treeOf(cache, kId));

        const ProcessResult failed = Subprocess::runUnprivileged(
            cliPath(), {u"purge"_s, u"--wait"_s, u"--modcache"_s, cache, kId},
            cliEnv(work->path()));
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(
            QString::fromUtf8(failed.stdErr).contains(u"cannot move the tree out of the cache"_s),
            qPrintable(failed.describe()));
        // Undone: no marker, no journal, the tree as it was.
        QVERIFY2(piecesOf(cache, kId).complete(), qPrintable(piecesOf(cache, kId).describe()));
        QCOMPARE(journals(cache), QStringList{});
        QCOMPARE(modeOf(treeOf(cache, kId)), treeMode);

        // Nothing carries it out later: not recovery, not the reaper, not `trash --empty` as root.
        {
            VersionPurger purger(cache);
            QVERIFY(purger.open());
            const Expected<int> recovered = purger.recover();
            QVERIFY(recovered.ok());
            QCOMPARE(recovered.value(), 0);
            QCOMPARE(purger.rolledBack().size(), 0);
        }
        QVERIFY(TrashReaper::run(cache).final);
        const ProcessResult emptied = emptyTrash(cache);
        QVERIFY2(emptied.succeeded(), qPrintable(emptied.describe()));
        QCOMPARE(jsonObject(emptied.stdOut).value(u"recoveredPurges"_s).toInt(-1), 0);
        QVERIFY2(piecesOf(cache, kId).complete(), qPrintable(piecesOf(cache, kId).describe()));
        QVERIFY(listNames(cache, u"v1.1.0"_s));

        // go finds it intact without the network.
        const GoDownloadResult offline = goDownload(go, world().env(go, cache, false), kId);
        QVERIFY2(offline.ok(), qPrintable(offline.describe()));
        QCOMPARE(offline.modules.value(0).sum, sum);
        QCOMPARE(offline.modules.value(0).dir, treeOf(cache, kId));
        const QString sample
            = world().writeSampleModule(work->filePath(u"sample"_s), {kId, kOther});
        QVERIFY(!sample.isEmpty());
        const ProcessResult verify
            = GoTool::run(go, {u"mod"_s, u"verify"_s}, world().env(go, cache, false), sample);
        QVERIFY2(verify.succeeded() && verify.stdOut.contains("all modules verified"),
                 qPrintable(verify.describe()));
    }

    // A purge that fails after its tree went to the trash (here: the .zip cannot be unlinked,
    // it is a directory) moves the tree back, drops its marker and its journal.
    void shouldMoveTheTreeBackWhenAPurgeFailsAfterMovingIt()
    {
        const auto work = workDir();
        const QString go = GoTool::go123();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        const QString sum = world().sums(kId).sum;
        const QStringList treeFiles = listing(treeOf(cache, kId));
        QVERIFY(!treeFiles.isEmpty());
        const QString zip = fileOf(cache, kId, u".zip"_s);
        const QByteArray zipBytes = readFile(zip);
        QVERIFY(QFile::rename(zip, zip + u".saved"_s));
        QVERIFY(
            writeFile(zip + u"/blocker"_s, "x")); // unlink(2) of a directory fails, even for root

        VersionPurger purger(cache);
        QVERIFY(purger.open());
        const PurgeItemResult r = purger.purge(u"example.com/a"_s, u"v1.1.0"_s, PurgeMode::Full);
        QCOMPARE(toString(r.outcome), u"failed"_s);
        QVERIFY2(r.error.toString().contains(u".zip"_s), qPrintable(r.error.toString()));
        QCOMPARE(listing(treeOf(cache, kId)), treeFiles);
        const Pieces p = piecesOf(cache, kId);
        QVERIFY2(p.tree && p.ziphash && p.info && p.mod && !p.partial, qPrintable(p.describe()));
        QCOMPARE(entries(trashPath(cache)), QStringList{});

        QCOMPARE(purger.recover().valueOr(-1), 0);
        QVERIFY(TrashReaper::run(cache).final);
        QCOMPARE(listing(treeOf(cache, kId)), treeFiles);
        QVERIFY(QDir(zip).removeRecursively());
        QVERIFY(writeFile(zip, zipBytes));
        QVERIFY2(piecesOf(cache, kId).complete(), qPrintable(piecesOf(cache, kId).describe()));
        const GoDownloadResult offline = goDownload(go, world().env(go, cache, false), kId);
        QVERIFY2(offline.ok(), qPrintable(offline.describe()));
        QCOMPARE(offline.modules.value(0).sum, sum);
    }

    // A purge that fails for good at the rename (here: the tree's parent directory belongs to
    // another user) is undone and drops its journal; nothing it did may make every later purge
    // and every `trash --empty` fail.
    void shouldNotLetOneStuckPurgeBlockLaterPurgesAndReaping()
    {
        const auto work = workDir();
        const QString go = GoTool::go123();
        const QString cache = world().freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(::chmod(QFile::encodeName(work->path()).constData(), 0755) == 0);
        const unsigned nobody = Subprocess::UnprivilegedUid;
        const ProcessResult chown
            = Subprocess::run(u"/bin/chown"_s, {u"-R"_s, u"%1:%1"_s.arg(nobody), cache});
        QVERIFY2(chown.succeeded(), qPrintable(chown.describe()));
        // example.com/ (the parent of example.com/a@v1.1.0) stays root's: renaming out of it fails.
        QVERIFY(::chown(QFile::encodeName(cache + u"/example.com"_s).constData(), 0, 0) == 0);
        QVERIFY(writeFile(trashPath(cache) + u"/leftover/file"_s, "old\n"));
        const ProcessResult chownTrash
            = Subprocess::run(u"/bin/chown"_s, {u"-R"_s, u"%1:%1"_s.arg(nobody), trashPath(cache)});
        QVERIFY2(chownTrash.succeeded(), qPrintable(chownTrash.describe()));

        const QProcessEnvironment env = cliEnv(work->path());
        const ProcessResult stuck = Subprocess::runUnprivileged(
            cliPath(), {u"purge"_s, u"--wait"_s, u"--modcache"_s, cache, kId}, env);
        QCOMPARE(stuck.exitCode, 1);
        QVERIFY2(QString::fromUtf8(stuck.stdErr).contains(treeOf(cache, kId)),
                 qPrintable(stuck.describe()));
        // What it left is a state go repairs by itself.
        const GoDownloadResult repaired = goDownload(go, world().env(go, cache, false), kId);
        QVERIFY2(repaired.ok(), qPrintable(repaired.describe()));

        const QString elsewhere = u"a.example.com/x@v1.0.0"_s;
        const ProcessResult next = Subprocess::runUnprivileged(
            cliPath(), {u"purge"_s, u"--wait"_s, u"--modcache"_s, cache, elsewhere}, env);
        QVERIFY2(piecesOf(cache, elsewhere).gone(), qPrintable(next.describe()));
        QVERIFY2(next.exitCode == 0, qPrintable(next.describe()));

        const ProcessResult emptied = Subprocess::runUnprivileged(
            cliPath(), {u"trash"_s, u"--empty"_s, u"--modcache"_s, cache}, env);
        QVERIFY2(!exists(trashPath(cache) + u"/leftover"_s), qPrintable(emptied.describe()));
    }
};

QTEST_GUILESS_MAIN(TestPurgeCrash)
#include "tst_purgecrash.moc"
