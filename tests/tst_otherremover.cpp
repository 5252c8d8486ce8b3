// SPDX-License-Identifier: GPL-3.0-or-later
// OtherRemover: VCS clones the real go 1.23 made (VcsCloneFixture) removed under go's own lock
// with the bytes gone and du agreeing with a new scan; checksum database caches, unknown entries
// and the trash; symlinks removed themselves, never their targets; nothing outside the cache.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include "DuRunner.h"
#include "helpers/VcsCloneFixture.h"
#include "purge/OtherRemover.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

ScanResult scan(const QString &gomodcache)
{
    CacheScanner::Options o;
    o.gomodcache = gomodcache;
    return CacheScanner::run(o);
}

std::optional<OtherEntry> entryAt(const ScanResult &s, const QString &path)
{
    for (const OtherEntry &e : s.others) {
        if (e.path == path)
            return e;
    }
    return std::nullopt;
}

quint64 kindBytes(const ScanResult &s, OtherKind kind)
{
    quint64 sum = 0;
    for (const OtherEntry &e : s.others) {
        if (e.kind == kind)
            sum += e.diskBytes;
    }
    return sum;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

/// The scan's total is what du counts (the trash directory included).
void checkDuAgrees(const QString &gomodcache)
{
    const ScanResult s = scan(gomodcache);
    QVERIFY(!s.error.isError());
    const Expected<quint64> du = DuRunner::summary(gomodcache);
    QVERIFY(du.ok());
    QCOMPARE(s.totals.diskBytes, du.value());
}

bool waitForLine(QProcess &p, const QByteArray &line)
{
    QByteArray seen;
    while (!seen.contains(line)) {
        if (!p.waitForReadyRead(10000))
            return false;
        seen += p.readAllStandardOutput();
    }
    return true;
}

OtherEntry entry(OtherKind kind, const QString &path)
{
    OtherEntry e;
    e.kind = kind;
    e.path = path;
    return e;
}

} // namespace

class TestOtherRemover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The judge that makes the VCS clone: the real go 1.23 (also labels the suite "go").
        QVERIFY(QFileInfo(GoTool::go123()).isExecutable());
    }

    void shouldRemoveARealVcsCloneWithTheBytesGoneAndDuAgreeing()
    {
        ScratchDir dir(u"otherremover"_s);
        VcsCloneFixture fx;
        QVERIFY2(fx.make(dir), qPrintable(fx.error));
        const ScanResult before = scan(fx.gomodcache);
        const std::optional<OtherEntry> clone = entryAt(before, fx.cloneRel);
        QVERIFY(clone && clone->kind == OtherKind::Vcs);
        QVERIFY2(clone->diskBytes > 8192, qPrintable(QString::number(clone->diskBytes)));
        QCOMPARE(QFile::exists(fx.gomodcache + u'/' + fx.cloneRel + u".info"_s), true);

        OtherRemover::Options o;
        o.gomodcache = fx.gomodcache;
        const QList<OtherRemoval> results = OtherRemover::run(o, {*clone});
        QCOMPARE(results.size(), 1);
        QVERIFY2(!results.first().error.isError(), qPrintable(results.first().error.toString()));
        QVERIFY(results.first().removed);

        const QString abs = fx.gomodcache + u'/' + fx.cloneRel;
        QVERIFY(!QFileInfo::exists(abs));
        QVERIFY(!QFileInfo::exists(abs + u".info"_s));
        QVERIFY(QFileInfo::exists(abs + u".lock"_s)); // go never deletes a lock file either
        const ScanResult after = scan(fx.gomodcache);
        QCOMPARE(kindBytes(after, OtherKind::Vcs), 0u);
        QCOMPARE(kindBytes(after, OtherKind::Trash), quint64(4096)); // reaped: the empty folder
        QVERIFY2(before.totals.diskBytes - after.totals.diskBytes + 4096 >= clone->diskBytes,
                 qPrintable(u"%1 -> %2"_s.arg(before.totals.diskBytes).arg(after.totals.diskBytes)));
        checkDuAgrees(fx.gomodcache);
        // The module version go extracted from the clone is untouched.
        QCOMPARE(after.versions.size(), before.versions.size());
    }

    void shouldWaitForGosLockOnTheCloneAndGiveUpNamingIt()
    {
        ScratchDir dir(u"otherremover"_s);
        VcsCloneFixture fx;
        QVERIFY2(fx.make(dir), qPrintable(fx.error));
        const std::optional<OtherEntry> clone = entryAt(scan(fx.gomodcache), fx.cloneRel);
        QVERIFY(clone);
        const QString abs = fx.gomodcache + u'/' + fx.cloneRel;

        // flock(1) on <hash>.lock: what go's lockedfile.MutexAt holds while it uses the clone.
        QProcess holder;
        holder.setProgram(u"/usr/bin/flock"_s);
        holder.setArguments({u"--exclusive"_s, abs + u".lock"_s, u"/bin/sh"_s, u"-c"_s,
                             u"echo locked; read line"_s});
        holder.start();
        QVERIFY(holder.waitForStarted());
        QVERIFY(waitForLine(holder, "locked"));

        OtherRemover::Options o;
        o.gomodcache = fx.gomodcache;
        o.lockTimeoutMs = 700;
        const QList<OtherRemoval> refused = OtherRemover::run(o, {*clone});
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().error.code, Error::Code::Busy);
        QVERIFY2(refused.first().error.toString().contains(abs + u".lock"_s),
                 qPrintable(refused.first().error.toString()));
        QVERIFY(QFileInfo(abs).isDir());
        QVERIFY(QFileInfo::exists(abs + u".info"_s));

        // With time to wait, the removal waits for the holder, then does its work.
        o.lockTimeoutMs = 60000;
        QFuture<OtherRemoval> waiting = OtherRemover::start(o, {*clone});
        QTest::qWait(1200);
        QVERIFY2(!waiting.isFinished(), "the removal did not wait for go's lock");
        QVERIFY(QFileInfo(abs).isDir());
        holder.write("go\n");
        QVERIFY(holder.waitForFinished(10000));
        waiting.waitForFinished();
        QCOMPARE(waiting.resultCount(), 1);
        QVERIFY2(waiting.result().removed, qPrintable(waiting.result().error.toString()));
        QVERIFY(!QFileInfo::exists(abs));
        checkDuAgrees(fx.gomodcache);
    }

    void shouldRemoveSymlinksThemselvesAndNeverFollowThem()
    {
        ScratchDir dir(u"otherremover"_s);
        const QString cache = dir.mkpath(u"mod/cache/download"_s).chopped(15);
        const QString outside = dir.mkpath(u"outside"_s);
        QVERIFY(writeFile(outside + u"/victim"_s, QByteArray(10000, 'v')));
        QVERIFY(QFile::link(outside, cache + u"/link"_s));
        QVERIFY(QFile::link(outside + u"/victim"_s, cache + u"/filelink"_s));
        QDir().mkpath(cache + u"/cache/vcs"_s);
        QVERIFY(QFile::link(outside, cache + u"/cache/vcs/deadbeef"_s));
        QDir().mkpath(cache + u"/cache/download/sumdb"_s);
        QVERIFY(QFile::link(outside, cache + u"/cache/download/sumdb/evil.example"_s));

        const ScanResult s = scan(cache);
        const std::optional<OtherEntry> link = entryAt(s, u"link"_s);
        const std::optional<OtherEntry> fileLink = entryAt(s, u"filelink"_s);
        QVERIFY(link && link->kind == OtherKind::Unknown);
        QVERIFY(fileLink && fileLink->kind == OtherKind::Unknown);

        OtherRemover::Options o;
        o.gomodcache = cache;
        const QList<OtherRemoval> results = OtherRemover::run(
            o, {entry(OtherKind::Unknown, u"link/victim"_s), *link, *fileLink,
                entry(OtherKind::Vcs, u"cache/vcs/deadbeef"_s),
                entry(OtherKind::Sumdb, u"cache/download/sumdb/evil.example"_s)});
        QCOMPARE(results.size(), 5);
        QVERIFY(results.at(0).error.isError()); // through a symlink: refused
        QVERIFY(!results.at(0).removed);
        QVERIFY(results.at(1).removed);
        QVERIFY(results.at(2).removed);
        QVERIFY(!QFileInfo(cache + u"/link"_s).isSymLink());
        QVERIFY(!QFileInfo(cache + u"/filelink"_s).isSymLink());
        QVERIFY(results.at(3).error.isError()); // a clone that is a symlink: refused
        QVERIFY(QFileInfo(cache + u"/cache/vcs/deadbeef"_s).isSymLink());
        QVERIFY(results.at(4).removed); // the symlink itself went
        QVERIFY(!QFileInfo(cache + u"/cache/download/sumdb/evil.example"_s).isSymLink());
        // Whatever happened to the links, what they point to is all there.
        QVERIFY(QFileInfo(outside).isDir());
        QCOMPARE(QFileInfo(outside + u"/victim"_s).size(), 10000);
        QCOMPARE(QDir(outside).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList{u"victim"_s});
    }

    void shouldRefuseWhatIsNotAnOtherEntryInsideTheCache()
    {
        ScratchDir dir(u"otherremover"_s);
        const QString cache = dir.mkpath(u"mod/cache/download/example.com/a/@v"_s).chopped(34);
        QVERIFY(writeFile(cache + u"/cache/download/example.com/a/@v/v1.0.0.mod"_s,
                          "module example.com/a\n"));
        QVERIFY(writeFile(cache + u"/example.com/a@v1.0.0/a.go"_s, "package a\n"));
        QVERIFY(writeFile(dir.path() + u"/precious"_s, "keep"));
        const QList<OtherEntry> bad = {
            entry(OtherKind::Unknown, u"../precious"_s),
            entry(OtherKind::Unknown, dir.path() + u"/precious"_s),
            entry(OtherKind::Unknown, u"example.com/../../precious"_s),
            entry(OtherKind::Unknown, u"example.com/a@v1.0.0"_s), // a module version
            entry(OtherKind::Unknown, u"cache/download/example.com/a/@v/v1.0.0.mod"_s),
            entry(OtherKind::Unknown, u"cache/download/example.com/a/@v/list"_s),
            entry(OtherKind::Unknown, u"cache"_s),
            entry(OtherKind::Metadata, u"cache/download"_s),
            entry(OtherKind::Toolchain, u"golang.org/toolchain@v0.0.1-go1.22.0.linux-amd64"_s),
            entry(OtherKind::Vcs, u"cache/vcs/../../example.com"_s),
            entry(OtherKind::Sumdb, u"cache/download/example.com"_s),
            entry(OtherKind::Trash, u"cache"_s),
        };
        OtherRemover::Options o;
        o.gomodcache = cache;
        const QList<OtherRemoval> results = OtherRemover::run(o, bad);
        QCOMPARE(results.size(), bad.size());
        for (const OtherRemoval &r : results) {
            QVERIFY2(r.error.code == Error::Code::Refused, qPrintable(r.path));
            QVERIFY(!r.removed);
        }
        QVERIFY(QFile::exists(dir.path() + u"/precious"_s));
        QVERIFY(QFile::exists(cache + u"/example.com/a@v1.0.0/a.go"_s));
        QVERIFY(QFile::exists(cache + u"/cache/download/example.com/a/@v/v1.0.0.mod"_s));

        // Not a module cache at all: nothing is created or removed there.
        const QString plain = dir.mkpath(u"plain/stuff"_s).chopped(6);
        o.gomodcache = plain;
        const QList<OtherRemoval> notCache = OtherRemover::run(o, {entry(OtherKind::Unknown,
                                                                         u"stuff"_s)});
        QCOMPARE(notCache.size(), 1);
        QVERIFY(notCache.first().error.isError());
        QVERIFY(QFileInfo(plain + u"/stuff"_s).isDir());
        QVERIFY(!QFileInfo::exists(plain + u'/' + CacheScanner::trashDirName()));
    }

    void shouldRemoveChecksumCachesUnknownEntriesAndEmptyTheTrash()
    {
        ScratchDir dir(u"otherremover"_s);
        const QString cache = dir.mkpath(u"mod/cache/download/sumdb/sum.golang.org/lookup"_s)
                                  .chopped(43);
        QVERIFY(writeFile(cache + u"/cache/download/sumdb/sum.golang.org/lookup/x@v1"_s,
                          QByteArray(20000, 's')));
        QVERIFY(writeFile(cache + u"/cache/download/sumdb/sum.golang.org/tile/8/0/000"_s,
                          QByteArray(8192, 't')));
        QVERIFY(writeFile(cache + u"/stray.txt"_s, QByteArray(5000, 'x')));
        QVERIFY(writeFile(cache + u"/cache/tmp-leftover/junk"_s, QByteArray(30000, 'j')));
        QVERIFY(writeFile(cache + u"/cache/download/example.com/b/@v/V1.0.0.zip"_s,
                          QByteArray(7000, 'z'))); // undecodable: not a canonical version
        QVERIFY(writeFile(cache + u'/' + CacheScanner::trashDirName() + u"/old/f"_s,
                          QByteArray(40000, 'o')));
        const ScanResult s = scan(cache);
        QList<OtherEntry> all;
        QStringList paths;
        for (const OtherEntry &e : s.others) {
            if (e.kind != OtherKind::Metadata) {
                all.append(e);
                paths << toString(e.kind) + u':' + e.path;
            }
        }
        QCOMPARE(all.size(), 5);

        OtherRemover::Options dry;
        dry.gomodcache = cache;
        dry.dryRun = true;
        const QList<OtherRemoval> planned = OtherRemover::run(dry, all);
        QCOMPARE(planned.size(), 5);
        for (const OtherRemoval &r : planned)
            QVERIFY2(r.removed && !r.error.isError(), qPrintable(r.path + r.error.toString()));
        QCOMPARE(scan(cache).totals.diskBytes, s.totals.diskBytes); // nothing changed

        OtherRemover::Options o;
        o.gomodcache = cache;
        const QList<OtherRemoval> results = OtherRemover::run(o, all);
        QCOMPARE(results.size(), 5);
        for (const OtherRemoval &r : results)
            QVERIFY2(r.removed && !r.error.isError(), qPrintable(r.path + r.error.toString()));
        const ScanResult after = scan(cache);
        QStringList left;
        for (const OtherEntry &e : after.others) {
            if (e.kind != OtherKind::Metadata && e.kind != OtherKind::Trash)
                left << e.path;
        }
        QCOMPARE(left, QStringList{});
        QCOMPARE(kindBytes(after, OtherKind::Trash), quint64(4096));
        QVERIFY(QFileInfo(cache + u"/cache/download/sumdb"_s).isDir()); // go's folder stays
        checkDuAgrees(cache);
    }
};

QTEST_GUILESS_MAIN(TestOtherRemover)
#include "tst_otherremover.moc"
