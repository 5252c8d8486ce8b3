// SPDX-License-Identifier: GPL-3.0-or-later
// TrashReaper and `modkeeper-cli trash --empty` on hostile trees (reliability.md §4, §5 E1, E2,
// E4, D3, H1): go's read-only trees and unreadable directories, also as an unprivileged user
// (root ignores permissions); symlinks, and directories swapped for symlinks while reaping,
// whose targets outside the cache must survive; mounts inside the trash; permission errors;
// cancel and resume; and that the bytes it reports freed are what du counted.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <thread>

#include <QFutureWatcher>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "DuRunner.h"
#include "ExpectedText.h"
#include "TreeRemover.h"
#include "helpers/PurgeFixture.h"
#include "purge/TrashReaper.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

constexpr unsigned kNobody = Subprocess::UnprivilegedUid;

bool chmodPath(const QString &path, mode_t mode)
{
    return TreeRemover::chmod(path, mode) == 0;
}

/// A module-cache-shaped directory with a trash in it:
/// <dir>/gomodcache/{cache/download,.modkeeper-trash}.
QString makeCache(const ScratchDir &work)
{
    const QString cache = work.filePath(u"gomodcache"_s);
    if (work.mkpath(u"gomodcache/cache/download"_s).isEmpty()
        || work.mkpath(u"gomodcache/"_s + CacheScanner::trashDirName()).isEmpty())
        return {};
    return cache;
}

/// A tree as go leaves it, and worse: dirs 0555, files 0444, one directory 000 with content,
/// an unreadable file. Returns false on failure.
bool makeReadOnlyTree(const QString &root)
{
    const QStringList files{u"go.mod"_s,          u"a.go"_s,        u"pkg/b.go"_s,
                            u"pkg/sub/c.go"_s,    u"secret/d.go"_s, u"secret/deeper/e.go"_s,
                            u"testdata/big.bin"_s};
    for (const QString &f : files)
        if (!writeFile(root + u'/' + f, QByteArray(f == u"testdata/big.bin" ? 70000 : 300, 'x')))
            return false;
    bool ok
        = writeFile(root + u"/unreadable.txt"_s, "x") && chmodPath(root + u"/unreadable.txt"_s, 0);
    for (const QString &f : files)
        ok = ok && chmodPath(root + u'/' + f, 0444);
    for (const QString &d : {u"pkg/sub"_s, u"pkg"_s, u"testdata"_s, u"secret/deeper"_s})
        ok = ok && chmodPath(root + u'/' + d, 0555);
    ok = ok && chmodPath(root + u"/secret"_s, 0); // mode 000, with content
    return ok && chmodPath(root, 0555);
}

/// A canary outside the cache: a read-only directory with files, and a read-only file.
bool makeCanary(const QString &dir)
{
    bool ok = writeFile(dir + u"/dir/one.txt"_s, "one\n")
              && writeFile(dir + u"/dir/sub/two.txt"_s, "two\n")
              && writeFile(dir + u"/file.txt"_s, "file\n");
    ok = ok && chmodPath(dir + u"/dir/one.txt"_s, 0444)
         && chmodPath(dir + u"/dir/sub/two.txt"_s, 0444) && chmodPath(dir + u"/dir/sub"_s, 0555)
         && chmodPath(dir + u"/dir"_s, 0555) && chmodPath(dir + u"/file.txt"_s, 0444);
    return ok;
}

bool chownAll(const QString &path, unsigned uid)
{
    return Subprocess::run(u"/bin/chown"_s, {u"-R"_s, u"-h"_s, u"%1:%1"_s.arg(uid), path})
        .succeeded();
}

/// n empty files f0..f<n-1> in dir (created with its parents): fast, for big trees.
bool makeEmptyFiles(const QString &dir, int n)
{
    if (!QDir().mkpath(dir))
        return false;
    const QByteArray base = QFile::encodeName(dir) + "/f";
    for (int i = 0; i < n; ++i) {
        const int fd = ::open(QByteArray(base + QByteArray::number(i)).constData(),
                              O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return false;
        ::close(fd);
    }
    return true;
}

/// Entries below dir (not dir itself), as find counts them.
qint64 entriesBelow(const QString &dir)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    const ProcessResult r
        = Subprocess::run(u"find"_s, {dir, u"-mindepth"_s, u"1"_s, u"-printf"_s, u"x"_s}, env);
    return r.succeeded() ? r.stdOut.size() : -1;
}

/// du of what the reaper frees: the trash and everything in it, less the trash directory itself.
Expected<quint64> reapableBytes(const QString &trash)
{
    const Expected<quint64> du = DuRunner::summary(trash);
    if (!du.ok())
        return du;
    struct stat st;
    if (::lstat(QFile::encodeName(trash).constData(), &st) != 0)
        return Error::fromErrno(errno, trash);
    return du.value() - quint64(st.st_blocks) * 512;
}

ReapProgress reapAndWait(const QString &gomodcache, QList<ReapProgress> *all = nullptr)
{
    QFutureWatcher<ReapProgress> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<ReapProgress>::finished);
    watcher.setFuture(TrashReaper::start(gomodcache));
    if (!watcher.isFinished() && !finished.wait(120000)) {
        ReapProgress timedOut;
        timedOut.issues.append({gomodcache, u"the reaper did not finish within 120 s"_s, 0});
        return timedOut; // not final, with an issue: every caller fails on it
    }
    const QList<ReapProgress> results = watcher.future().results();
    if (all)
        *all = results;
    ReapProgress total;
    for (const ReapProgress &p : results) {
        total.bytesFreed = p.bytesFreed;
        total.entriesRemoved = p.entriesRemoved;
        total.issues += p.issues;
        total.final = p.final;
    }
    return total;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QString issuesText(const QList<ScanIssue> &issues)
{
    QStringList out;
    for (const ScanIssue &i : issues)
        out << i.path + u": "_s + i.message;
    return out.join(u'\n');
}

} // namespace

class TestReaper : public QObject
{
    Q_OBJECT

private:
    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        auto dir = std::make_unique<ScratchDir>(
            u"tst_reaper-"_s + QString::fromLatin1(QTest::currentTestFunction()));
        // The unprivileged runs must reach what is inside.
        ::chmod(QFile::encodeName(dir->path()).constData(), 0755);
        return dir;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldRemoveReadOnlyAndUnreadableTreesAndKeepJournals()
    {
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString trash = trashPath(cache);
        QVERIFY(makeReadOnlyTree(trash + u"/1700000000000-1"_s));
        QVERIFY(makeReadOnlyTree(trash + u"/1700000000000-2-all/example.com/m@v1.0.0"_s));
        QVERIFY(writeFile(trash + u"/loose-file"_s, "x"));
        const QString journal = trash + u"/1700000000001-3.purge"_s;
        QVERIFY(writeFile(journal, "modkeeper-purge 1\n")); // a purge in progress
        const qint64 before = entriesBelow(trash);
        const Expected<quint64> du = reapableBytes(trash);
        QVERIFY2(du.ok(), qPrintable(errorText(du)));
        struct stat journalSt;
        QVERIFY(::lstat(QFile::encodeName(journal).constData(), &journalSt) == 0);
        const quint64 journalBytes = quint64(journalSt.st_blocks) * 512;

        const ReapProgress p = reapAndWait(cache);
        QVERIFY2(p.issues.isEmpty(), qPrintable(issuesText(p.issues)));
        QVERIFY(p.final);
        QCOMPARE(entries(trash), QStringList{u"1700000000001-3.purge"_s});
        QCOMPARE(qint64(p.entriesRemoved), before - 1);
        QCOMPARE(p.bytesFreed, du.value() - journalBytes);
    }

    // Root ignores file modes, so the same trees once more as their unprivileged owner.
    void shouldRemoveReadOnlyAndUnreadableTreesAsAnUnprivilegedOwner()
    {
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString trash = trashPath(cache);
        QVERIFY(makeReadOnlyTree(trash + u"/1700000000000-1"_s));
        QVERIFY(makeReadOnlyTree(trash + u"/1700000000000-2-all/example.com/m@v1.0.0"_s));
        QVERIFY(chownAll(cache, kNobody));
        const qint64 before = entriesBelow(trash);

        const ProcessResult r = Subprocess::runUnprivileged(
            cliPath(), {u"trash"_s, u"--empty"_s, u"--json"_s, u"--modcache"_s, cache},
            cliEnv(work->path()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject o = jsonObject(r.stdOut);
        QVERIFY2(o.value(u"issues"_s).toArray().isEmpty(), r.stdOut.constData());
        QCOMPARE(qint64(o.value(u"entriesRemoved"_s).toDouble()), before);
        QCOMPARE(entries(trash), QStringList{});
    }

    void shouldRemoveSymlinksButNeverWhatTheyPointTo()
    {
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString canary = work->filePath(u"canary"_s);
        QVERIFY(makeCanary(canary));
        const QStringList canaryBefore = listing(canary);
        const QString trash = trashPath(cache);
        const QString tree = trash + u"/1700000000000-1"_s;
        QVERIFY(writeFile(tree + u"/pkg/a.go"_s, "package pkg\n"));
        QVERIFY(QFile::link(canary + u"/dir"_s, tree + u"/pkg/to-dir"_s));
        QVERIFY(QFile::link(canary + u"/file.txt"_s, tree + u"/pkg/to-file"_s));
        QVERIFY(QFile::link(u"/"_s, tree + u"/to-root"_s));
        QVERIFY(QFile::link(canary + u"/missing"_s, tree + u"/dangling"_s));
        QVERIFY(QFile::link(canary + u"/dir"_s, trash + u"/top-level-link"_s));
        QVERIFY(QFile::link(u"../.."_s, tree + u"/pkg/up"_s));
        // A directory that is a symlink from the start (the deterministic form of a swap).
        QVERIFY(QFile::link(canary + u"/dir"_s, tree + u"/sub"_s));
        QVERIFY(makeReadOnlyTree(tree + u"/real"_s));
        QVERIFY(chmodPath(tree + u"/pkg"_s, 0555));

        const ReapProgress p = reapAndWait(cache);
        QVERIFY2(p.issues.isEmpty(), qPrintable(issuesText(p.issues)));
        QCOMPARE(entries(trash), QStringList{});
        QCOMPARE(listing(canary), canaryBefore);
        QCOMPARE(readFile(canary + u"/dir/sub/two.txt"_s), QByteArray("two\n"));
        QVERIFY(exists(cache + u"/cache/download"_s));
    }

    // E1: a directory (or its ancestor) is replaced by a symlink to a canary while the reaper
    // walks. Each swap moves the real directory aside inside the trash and puts a link in its
    // place; whatever the timing, the canary must survive, and a second run finishes the job.
    void shouldNeverFollowADirectorySwappedForASymlinkWhileReaping_data()
    {
        QTest::addColumn<bool>("swapAncestors");
        QTest::newRow("leaf directories") << false;
        QTest::newRow("their parents") << true;
    }

    void shouldNeverFollowADirectorySwappedForASymlinkWhileReaping()
    {
        QFETCH(bool, swapAncestors);
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString canary = work->filePath(u"canary"_s);
        QVERIFY(makeCanary(canary));
        const QStringList canaryBefore = listing(canary);
        const QString trash = trashPath(cache);

        constexpr int groups = 30;
        constexpr int perGroup = 15;
        QStringList swapTargets;
        for (int g = 0; g < groups; ++g) {
            const QString group = trash + u"/tree/g%1"_s.arg(g);
            for (int d = 0; d < perGroup; ++d) {
                const QString dir = group + u"/d%1"_s.arg(d);
                QVERIFY(makeEmptyFiles(dir, 4));
                QVERIFY(makeEmptyFiles(dir + u"/s"_s, 2));
                if (!swapAncestors)
                    swapTargets << dir;
            }
            if (swapAncestors)
                swapTargets << group;
        }
        const QByteArray canaryDir = QFile::encodeName(canary + u"/dir"_s);

        std::atomic<bool> stop{false};
        std::atomic<int> swaps{0};
        QFutureWatcher<ReapProgress> watcher;
        QSignalSpy finished(&watcher, &QFutureWatcher<ReapProgress>::finished);
        watcher.setFuture(TrashReaper::start(cache));
        std::thread swapper([&] {
            for (const QString &target : std::as_const(swapTargets)) {
                if (stop)
                    break;
                const QByteArray t = QFile::encodeName(target);
                if (::rename(t.constData(), QByteArray(t + ".moved").constData()) == 0
                    && ::symlink(canaryDir.constData(), t.constData()) == 0)
                    ++swaps;
            }
        });
        const bool done = watcher.isFinished() || finished.wait(120000);
        stop = true;
        swapper.join();
        QVERIFY(done);
        QCOMPARE(listing(canary), canaryBefore);

        // What the swaps moved aside is reaped by the next run (at most two more).
        for (int run = 0; run < 2 && !entries(trash).isEmpty(); ++run)
            QVERIFY(reapAndWait(cache).final);
        QCOMPARE(entries(trash), QStringList{});
        QCOMPARE(listing(canary), canaryBefore);
        qInfo("%d of %lld directories swapped while reaping", swaps.load(),
              qlonglong(swapTargets.size()));
    }

    // E4: a mount inside the trash is not crossed: its content is not ours. The mount lives in a
    // private mount namespace (unshare), so it vanishes with the command and never leaks.
    void shouldNotCrossIntoAMountInsideTheTrash_data()
    {
        QTest::addColumn<bool>("sameFilesystem");
        QTest::newRow("a tmpfs (another filesystem)") << false;
        QTest::newRow("a bind mount of the same filesystem") << true;
    }

    void shouldNotCrossIntoAMountInsideTheTrash()
    {
        QFETCH(bool, sameFilesystem);
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString mountPoint = trashPath(cache) + u"/1700000000000-1/mnt"_s;
        QVERIFY(writeFile(trashPath(cache) + u"/1700000000000-1/other.go"_s, "package x\n"));
        QVERIFY(QDir().mkpath(mountPoint));
        const QString canary = work->filePath(u"canary"_s);
        QVERIFY(makeCanary(canary));
        const QStringList canaryBefore = listing(canary);

        // In the namespace: mount, say so, reap, say how the reaper ended, then report what the
        // mount still holds. The markers tell a setup failure (unshare or mount refused, e.g. in
        // a chroot whose root is not a mount point) from a result: an empty listing proves
        // nothing unless the mount was there and the reaper ran.
        const QString script
            = sameFilesystem
                  ? u"mount --bind \"$1\" \"$2\" || exit 90; echo MOUNTED; "
                    "\"$3\" trash --empty --modcache \"$4\"; rc=$?; echo \"REAPED:$rc\"; "
                    "find \"$2\" -printf '%P\\n' | sort | sed 's/^/LEFT:/'; exit $rc"_s
                  : u"mount -t tmpfs modkeeper-test \"$2\" || exit 90; cp -a \"$1\"/. \"$2\"/ || "
                    u"exit 91; "
                    "echo MOUNTED; \"$3\" trash --empty --modcache \"$4\"; rc=$?; echo "
                    "\"REAPED:$rc\"; "
                    "find \"$2\" -printf '%P\\n' | sort | sed 's/^/LEFT:/'; exit $rc"_s;
        QStringList args{u"--mount"_s, u"--propagation"_s, u"private"_s};
        if (!Subprocess::isRoot())
            args.prepend(u"--map-root-user"_s);
        args << u"/bin/sh"_s << u"-c"_s << script << u"sh"_s << canary << mountPoint << cliPath()
             << cache;
        QProcessEnvironment env = cliEnv(work->path());
        const ProcessResult r = Subprocess::run(u"/usr/bin/unshare"_s, args, env);
        const QList<QByteArray> lines = r.stdOut.split('\n');
        QVERIFY2(r.started && !r.crashed && !r.timedOut, qPrintable(r.describe()));
        QVERIFY2(
            lines.contains("MOUNTED"),
            qPrintable(
                u"setup failed, nothing was tested: could not mount inside a private mount "
                u"namespace "
                "(unshare --mount --propagation private needs / to be a mount point; in a chroot, "
                "bind-mount its root onto itself first): "_s
                + r.describe()));
        QVERIFY2(
            lines.contains("REAPED:1"),
            qPrintable(
                u"the reaper should end with exit code 1 (the mount point cannot be removed): "_s
                + r.describe()));

        QStringList left;
        for (const QByteArray &line : lines)
            if (line.startsWith("LEFT:"))
                left << QString::fromUtf8(line.mid(5));
        left.removeAll(QString());
        QCOMPARE(sorted(left), (QStringList{u"dir"_s, u"dir/one.txt"_s, u"dir/sub"_s,
                                            u"dir/sub/two.txt"_s, u"file.txt"_s}));
        QCOMPARE(listing(canary), canaryBefore);
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(mountPoint), qPrintable(r.describe()));
        QCOMPARE(r.exitCode, 1); // the mount point could not be removed: reported, not hidden
    }

    void shouldReportPermissionErrorsAndRemoveEverythingElse()
    {
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString trash = trashPath(cache);
        QVERIFY(makeReadOnlyTree(trash + u"/1700000000000-1"_s));
        QVERIFY(writeFile(trash + u"/1700000000000-2/foreign/file.go"_s, "package x\n"));
        QVERIFY(writeFile(trash + u"/1700000000000-2/mine.go"_s, "package x\n"));
        QVERIFY(chownAll(cache, kNobody));
        // Someone else's directory in the trash: nobody may not empty it.
        QVERIFY(chownAll(trash + u"/1700000000000-2/foreign"_s, 0));

        const ProcessResult r = Subprocess::runUnprivileged(
            cliPath(), {u"trash"_s, u"--empty"_s, u"--json"_s, u"--modcache"_s, cache},
            cliEnv(work->path()));
        QVERIFY2(r.started && !r.crashed && !r.timedOut, qPrintable(r.describe()));
        QCOMPARE(r.exitCode, 1);
        const QJsonArray issues = jsonObject(r.stdOut).value(u"issues"_s).toArray();
        QVERIFY2(!issues.isEmpty(), qPrintable(r.describe()));
        bool named = false;
        for (const QJsonValue &v : issues)
            named = named
                    || (v.toObject().value(u"path"_s).toString().startsWith(
                            trash + u"/1700000000000-2/foreign"_s)
                        && v.toObject()
                               .value(u"error"_s)
                               .toString()
                               .contains(u"Permission denied"_s));
        QVERIFY2(named, qPrintable(r.describe()));
        QVERIFY(!exists(trash + u"/1700000000000-1"_s));
        QVERIFY(!exists(trash + u"/1700000000000-2/mine.go"_s));
        QVERIFY(exists(trash + u"/1700000000000-2/foreign/file.go"_s));
    }

    void shouldResumeAfterACancelAndFinish()
    {
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString trash = trashPath(cache);
        // Big enough that reaping takes well over the 100 ms before the first progress report.
        constexpr int dirs = 50;
        constexpr int files = 1000;
        for (int d = 0; d < dirs; ++d) {
            const QString dir = trash + u"/1700000000000-%1/pkg"_s.arg(d);
            QVERIFY(makeEmptyFiles(dir, files));
            QVERIFY(chmodPath(dir, 0555));
        }
        const qint64 before = entriesBelow(trash);

        QFutureWatcher<ReapProgress> watcher;
        QSignalSpy progress(&watcher, &QFutureWatcher<ReapProgress>::resultReadyAt);
        QSignalSpy finished(&watcher, &QFutureWatcher<ReapProgress>::finished);
        watcher.setFuture(TrashReaper::start(cache));
        QVERIFY(progress.wait(30000)); // the first progress report: reaping is under way
        watcher.cancel();
        QVERIFY(watcher.isFinished() || finished.wait(30000));
        QVERIFY(watcher.isCanceled());
        const qint64 remaining = entriesBelow(trash);
        QVERIFY2(remaining > 0 && remaining < before,
                 qPrintable(u"%1 of %2 left"_s.arg(remaining).arg(before)));

        const ReapProgress resumed = reapAndWait(cache);
        QVERIFY2(resumed.issues.isEmpty(), qPrintable(issuesText(resumed.issues)));
        QCOMPARE(qint64(resumed.entriesRemoved), remaining);
        QCOMPARE(entries(trash), QStringList{});
    }

    // H1: progress comes in cumulative steps; the last one is final and counts what du counted,
    // hard links once.
    void shouldReportProgressUpToExactlyTheBytesDuCounted()
    {
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString trash = trashPath(cache);
        for (int t = 0; t < 30; ++t) {
            const QString tree = trash + u"/1700000000000-%1"_s.arg(t);
            for (int f = 0; f < 40; ++f)
                QVERIFY(writeFile(tree + u"/p%1/f%2.go"_s.arg(f % 4).arg(f),
                                  QByteArray(100 + (t * 977 + f * 131) % 30000, 'x')));
            QVERIFY(chmodPath(tree + u"/p0"_s, 0555));
        }
        // Both names in one directory, so that one thread sees the link count drop to 1.
        QVERIFY(::link(QFile::encodeName(trash + u"/1700000000000-1/p1/f1.go"_s).constData(),
                       QFile::encodeName(trash + u"/1700000000000-1/p1/hardlink.go"_s).constData())
                == 0);
        QVERIFY(QFile::link(u"/etc"_s, trash + u"/1700000000000-3/etc-link"_s));
        const Expected<quint64> du = reapableBytes(trash);
        QVERIFY2(du.ok(), qPrintable(errorText(du)));
        const qint64 before = entriesBelow(trash);

        QList<ReapProgress> steps;
        const ReapProgress total = reapAndWait(cache, &steps);
        QVERIFY(!steps.isEmpty());
        for (qsizetype i = 1; i < steps.size(); ++i) {
            QVERIFY(steps.at(i).bytesFreed >= steps.at(i - 1).bytesFreed);
            QVERIFY(steps.at(i).entriesRemoved >= steps.at(i - 1).entriesRemoved);
            QVERIFY(!steps.at(i - 1).final);
        }
        QVERIFY(steps.last().final);
        QVERIFY2(total.issues.isEmpty(), qPrintable(issuesText(total.issues)));
        QCOMPARE(total.bytesFreed, du.value());
        QCOMPARE(qint64(total.entriesRemoved), before);
        QCOMPARE(entries(trash), QStringList{});
        QVERIFY(exists(u"/etc/hostname"_s) || exists(u"/etc/passwd"_s));
    }

    // A real cache's directories are big: github.com/ alone holds hundreds of owners. The
    // second phase (removing the directory skeleton) must list such directories whole. Run
    // through the CLI, so that a crash fails this test instead of killing the test program.
    void shouldEmptyDirectoriesWithManyEntries_data()
    {
        QTest::addColumn<int>("subdirectories");
        QTest::newRow("a few") << 20;
        QTest::newRow("hundreds, as under github.com/") << 600;
    }

    void shouldEmptyDirectoriesWithManyEntries()
    {
        QFETCH(int, subdirectories);
        const auto work = workDir();
        const QString cache = makeCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString top = trashPath(cache) + u"/1700000000000-1-all/github.com"_s;
        for (int i = 0; i < subdirectories; ++i)
            QVERIFY(QDir().mkpath(top
                                  + u"/an-owner-with-a-rather-long-name-%1/project@v1.0.0"_s.arg(
                                      i, 4, 10, QLatin1Char('0'))));
        const qint64 before = entriesBelow(trashPath(cache));

        const ProcessResult r = runCli(
            {u"trash"_s, u"--empty"_s, u"--json"_s, u"--modcache"_s, cache}, cliEnv(work->path()));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QCOMPARE(qint64(jsonObject(r.stdOut).value(u"entriesRemoved"_s).toDouble()), before);
        QCOMPARE(entries(trashPath(cache)), QStringList{});
    }

    void shouldDoNothingWithoutATrash()
    {
        const auto work = workDir();
        QVERIFY(!work->mkpath(u"gomodcache/cache/download"_s).isEmpty());
        const ReapProgress p = reapAndWait(work->filePath(u"gomodcache"_s));
        QVERIFY(p.final);
        QVERIFY2(p.issues.isEmpty(), qPrintable(issuesText(p.issues)));
        QCOMPARE(p.entriesRemoved, quint64(0));
        QVERIFY(!exists(work->filePath(u"gomodcache/"_s) + CacheScanner::trashDirName()));
    }
};

QTEST_GUILESS_MAIN(TestReaper)
#include "tst_reaper.moc"
