// SPDX-License-Identifier: GPL-3.0-or-later
// VerifyJob and RepairJob against caches the real go 1.19 and 1.23 wrote from a file:// proxy:
// the hashes equal go's Sum, every kind of damage is detected and the file at fault named,
// verifying leaves atimes alone, and after a repair `go mod verify` passes with both gos.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

#include <QStandardPaths>
#include <QTest>

#include "archive/Hash1.h"
#include "archivetest/HandProxy.h"
#include "archivetest/RawZipWriter.h"
#include "helpers/PurgeFixture.h"
#include "scan/CacheScanner.h"
#include "verify/RepairJob.h"
#include "verify/VerifyJob.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

const QString kA = u"example.com/a@v1.0.0"_s;
const QString kUpper = u"github.com/Upper/Case@v1.0.0"_s;
const QString kBusy = u"example.com/busy@v1.0.0"_s;

QList<FixtureVersion> fixtureVersions()
{
    QList<FixtureVersion> out;
    for (const FixtureVersion &v : standardVersions())
        if (v.id() == kA || v.id() == kUpper
            || v.id() == u"example.com/legacy@v2.0.0+incompatible"_s
            || v.id() == u"example.com/ab@v1.0.0"_s)
            out.append(v);
    out.append(concurrencyVersion());
    return out;
}

ModuleVersionRecord recordOf(const QString &cache, const QString &id)
{
    const ScanResult scan = CacheScanner::run({cache});
    for (const ModuleVersionRecord &r : scan.versions)
        if (r.id() == id)
            return r;
    return {};
}

VersionVerifyResult verifyId(const QString &cache, const QString &id,
                             VerifyJob::Options options = {})
{
    options.gomodcache = cache;
    return VerifyJob::verifyOne(options, recordOf(cache, id));
}

bool chmodPath(const QString &path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// Makes a tree file (and its directory) writable, the way a user's editor would need it.
bool editable(const QString &file)
{
    return chmodPath(QFileInfo(file).absolutePath(), 0755)
           && (!exists(file) || chmodPath(file, 0644));
}

QString problemsOf(const VersionVerifyResult &r)
{
    return toString(r.status) + u": "_s + r.problems.join(u" | "_s);
}

bool hasProblem(const VersionVerifyResult &r, const QString &text)
{
    return std::any_of(r.problems.cbegin(), r.problems.cend(),
                       [&](const QString &p) { return p.contains(text); });
}

struct timespec atimeOf(const QString &path)
{
    struct stat st;
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st.st_atim;
}

bool setOldAtime(const QString &path)
{
    struct timespec times[2];
    times[0].tv_sec = 1000000000; // 2001: any read on relatime or strictatime would update it
    times[0].tv_nsec = 0;
    times[1].tv_nsec = UTIME_OMIT;
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW)
           == 0;
}

} // namespace

class TestVerify : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    [[nodiscard]] std::unique_ptr<ScratchDir> workDir() const
    {
        return std::make_unique<ScratchDir>(u"tst_verify-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_verify"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(fixtureVersions(), goCommands());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    // The zip hash and the tree hash of every version equal the Sum go reported when it
    // wrote the cache, with the work split into small pieces so that one version's files
    // are hashed by both workers.
    void shouldMatchGoSumForCacheGoWrote_data()
    {
        QTest::addColumn<QString>("go");
        QTest::addColumn<qint64>("splitBytes");
        QTest::newRow("go1.19") << GoTool::go119() << qint64(4 << 20);
        QTest::newRow("go1.23") << GoTool::go123() << qint64(4 << 20);
        QTest::newRow("go1.23 split per file") << GoTool::go123() << qint64(1);
    }

    void shouldMatchGoSumForCacheGoWrote()
    {
        QFETCH(QString, go);
        QFETCH(qint64, splitBytes);
        const auto work = workDir();
        const QString cache = m_world->freshCache(go, work->path());
        QVERIFY(!cache.isEmpty());
        VerifyJob::Options options;
        options.gomodcache = cache;
        options.splitBytes = splitBytes;
        options.workers = 2;
        const ScanResult scan = CacheScanner::run({cache});
        const QList<VersionVerifyResult> results = VerifyJob::run(options, scan.versions);
        QCOMPARE(results.size(), m_world->versions().size());
        for (const VersionVerifyResult &r : results) {
            const Downloaded d = m_world->sums(r.id());
            QVERIFY2(!d.sum.isEmpty(), qPrintable(r.id()));
            QVERIFY2(r.ok, qPrintable(r.id() + u": "_s + problemsOf(r)));
            QCOMPARE(int(r.status), int(VerifyStatus::Verified));
            QCOMPARE(r.zipHash, d.sum);
            QCOMPARE(r.dirHash, d.sum);
            QCOMPARE(r.ziphash, d.sum);
            QCOMPARE(r.checked & (CheckedZip | CheckedTree), CheckedZip | CheckedTree);
        }
    }

    // go.sum hashes are checked too: the .mod against "/go.mod h1:", the .ziphash against h1.
    void shouldCheckAgainstGoSumLines()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const Downloaded d = m_world->sums(kA);
        VerifyJob::Options good;
        QVERIFY(good.known
                    .addGoSum(QByteArray("example.com/a v1.0.0 " + d.sum.toUtf8()
                                         + "\nexample.com/a v1.0.0/go.mod " + d.goModSum.toUtf8()
                                         + "\n"),
                              u"go.sum"_s)
                    .ok());
        const VersionVerifyResult ok = verifyId(cache, kA, good);
        QVERIFY2(ok.ok, qPrintable(problemsOf(ok)));
        QCOMPARE(ok.checked & (CheckedMod | CheckedKnown), CheckedMod | CheckedKnown);

        const QString otherHash = m_world->sums(kUpper).goModSum;
        VerifyJob::Options bad;
        QVERIFY(
            bad.known
                .addGoSum(QByteArray("example.com/a v1.0.0/go.mod " + otherHash.toUtf8() + "\n"),
                          u"go.sum"_s)
                .ok());
        const VersionVerifyResult r = verifyId(cache, kA, bad);
        QVERIFY(!r.ok);
        QCOMPARE(int(r.status), int(VerifyStatus::Corrupt));
        QVERIFY2(hasProblem(r, u"go.mod (v1.0.0.mod) does not match go.sum"_s),
                 qPrintable(problemsOf(r)));
        QVERIFY(r.needsRedownload);

        VerifyJob::Options wrongSum;
        QVERIFY(wrongSum.known
                    .addGoSum(QByteArray("example.com/a v1.0.0 "
                                         + m_world->sums(kUpper).sum.toUtf8() + "\n"),
                              u"go.sum"_s)
                    .ok());
        const VersionVerifyResult w = verifyId(cache, kA, wrongSum);
        QCOMPARE(int(w.status), int(VerifyStatus::Corrupt));
        QVERIFY2(hasProblem(w, u"ziphash does not match go.sum"_s), qPrintable(problemsOf(w)));
        QVERIFY(!w.treeRepairable);

        KnownSums malformed;
        const Status s = malformed.addGoSum("example.com/a v1.0.0\n", u"/tmp/go.sum"_s);
        QVERIFY(!s.ok());
        QVERIFY(s.error().message.contains(u"line 1"_s));
    }

    // Each kind of damage: detected, classified, and the file at fault named.
    void shouldDetectAndNameDamage_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("repairable");
        QTest::newRow("edited file")
            << u"edit"_s << int(VerifyStatus::Modified)
            << QStringList{u"dir has been modified"_s, u"modified file README.md"_s} << true;
        QTest::newRow("extra file")
            << u"extra"_s << int(VerifyStatus::Modified)
            << QStringList{u"dir has been modified"_s, u"extra file internal/deep/notes.txt"_s}
            << true;
        QTest::newRow("missing file")
            << u"missing"_s << int(VerifyStatus::Modified)
            << QStringList{u"dir has been modified"_s, u"missing file internal/deep/doc.go"_s}
            << true;
        QTest::newRow("symlink in tree") << u"symlink"_s << int(VerifyStatus::Modified)
                                         << QStringList{u"symbolic link link.go"_s} << true;
        QTest::newRow("truncated zip") << u"truncate"_s << int(VerifyStatus::Corrupt)
                                       << QStringList{u"zip is damaged"_s} << false;
        QTest::newRow("zero-byte zip") << u"empty-zip"_s << int(VerifyStatus::Corrupt)
                                       << QStringList{u"zip is damaged"_s} << false;
        QTest::newRow("garbage ziphash")
            << u"garbage"_s << int(VerifyStatus::Corrupt)
            << QStringList{u"garbage ziphash: v1.0.0.ziphash"_s} << false;
        QTest::newRow("tree without ziphash") << u"no-ziphash"_s << int(VerifyStatus::Unverifiable)
                                              << QStringList{u"missing ziphash"_s} << false;
        QTest::newRow("partial marker")
            << u"partial"_s << int(VerifyStatus::Partial)
            << QStringList{u"extraction incomplete: v1.0.0.partial"_s} << true;
        QTest::newRow("zip edited") << u"zip-edit"_s << int(VerifyStatus::Corrupt)
                                    << QStringList{u"zip has been modified"_s} << false;
        QTest::newRow("info not json") << u"info"_s << int(VerifyStatus::Corrupt)
                                       << QStringList{u"v1.0.0.info is not valid JSON"_s} << false;
    }

    void shouldDetectAndNameDamage()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        QFETCH(QStringList, expected);
        QFETCH(bool, repairable);
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QString tree = treeOf(cache, kA);
        const QString zip = fileOf(cache, kA, u".zip"_s);
        if (kind == u"edit") {
            QVERIFY(editable(tree + u"/README.md"_s));
            QVERIFY(writeFile(tree + u"/README.md"_s, "changed by hand\n"));
        } else if (kind == u"extra") {
            QVERIFY(editable(tree + u"/internal/deep/notes.txt"_s));
            QVERIFY(writeFile(tree + u"/internal/deep/notes.txt"_s, "stray\n"));
        } else if (kind == u"missing") {
            QVERIFY(editable(tree + u"/internal/deep/doc.go"_s));
            QVERIFY(QFile::remove(tree + u"/internal/deep/doc.go"_s));
        } else if (kind == u"symlink") {
            QVERIFY(chmodPath(tree, 0755));
            QVERIFY(QFile::link(u"pa.go"_s, tree + u"/link.go"_s));
        } else if (kind == u"truncate") {
            QVERIFY(chmodPath(zip, 0644));
            QFile f(zip);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() / 2));
        } else if (kind == u"empty-zip") {
            QVERIFY(chmodPath(zip, 0644));
            QVERIFY(writeFile(zip, {}));
        } else if (kind == u"garbage") {
            QVERIFY(writeFile(fileOf(cache, kA, u".ziphash"_s), "h1:this is not a hash\n"));
        } else if (kind == u"no-ziphash") {
            QVERIFY(QFile::remove(fileOf(cache, kA, u".ziphash"_s)));
        } else if (kind == u"partial") {
            QVERIFY(writeFile(fileOf(cache, kA, u".partial"_s), {}));
        } else if (kind == u"zip-edit") {
            // Same size, the first data byte of the first entry flipped: libzip's inflate or
            // CRC check catches it, or the hash does.
            QByteArray bytes = readFile(zip);
            QVERIFY(bytes.startsWith("PK\x03\x04"));
            const auto le16 = [&](qsizetype at) {
                return int(quint8(bytes[at])) | int(quint8(bytes[at + 1])) << 8;
            };
            const qsizetype at = 30 + le16(26) + le16(28);
            QVERIFY(at < bytes.size());
            bytes[at] = char(bytes[at] ^ 0x55);
            QVERIFY(chmodPath(zip, 0644));
            QVERIFY(writeFile(zip, bytes));
        } else if (kind == u"info") {
            QVERIFY(writeFile(fileOf(cache, kA, u".info"_s), "{\"Version\":"));
        }
        const VersionVerifyResult r = verifyId(cache, kA);
        QVERIFY2(!r.ok, qPrintable(problemsOf(r)));
        if (kind == u"zip-edit") // a flipped byte is reported by libzip's CRC check or by the hash
            QVERIFY2(hasProblem(r, u"zip has been modified"_s)
                         || hasProblem(r, u"zip is damaged"_s),
                     qPrintable(problemsOf(r)));
        else
            for (const QString &e : expected)
                QVERIFY2(hasProblem(r, e), qPrintable(e + u" not in "_s + problemsOf(r)));
        QCOMPARE(int(r.status), status);
        QCOMPARE(r.treeRepairable, repairable);
        QCOMPARE(r.needsRedownload, !repairable);
        // The neighbours are untouched and still verify.
        const VersionVerifyResult other = verifyId(cache, u"example.com/ab@v1.0.0"_s);
        QVERIFY2(other.ok, qPrintable(problemsOf(other)));
    }

    // Worked example D: a zip with a directory entry. go accepts it; its HashZip counts the
    // entry, so the extracted tree can never match (go mod verify: "dir has been modified").
    // Verify reports exactly that, with go's two hashes, and does not offer a re-extraction.
    void shouldReportZipWithDirectoryEntries()
    {
        const auto work = workDir();
        const QString proxyRoot = work->mkpath(u"proxy"_s);
        HandProxy proxy(proxyRoot);
        RawZipWriter z;
        z.dir("example.com/withdir@v1.0.0/");
        z.file("example.com/withdir@v1.0.0/go.mod", "module example.com/withdir\n");
        z.file("example.com/withdir@v1.0.0/a.go", "package withdir\n");
        QVERIFY(!proxy
                     .publish(u"example.com/withdir"_s, u"v1.0.0"_s, "module example.com/withdir\n",
                              z.bytes())
                     .isEmpty());
        const QString home = work->mkpath(u"home"_s);
        const QString cache = work->filePath(u"gomodcache"_s);
        const GoDownloadResult got = GoTool::downloadModules(
            GoTool::go119(), goEnv(GoTool::go119(), home, cache, proxy.url()),
            {u"example.com/withdir@v1.0.0"_s});
        QVERIFY2(got.ok(), qPrintable(got.describe()));
        QCOMPARE(got.modules.value(0).sum, u"h1:K1rkW5gP60ZSUZvwubIjTKCywr6r8hhdQDjdow0UUbk="_s);

        const VersionVerifyResult r = verifyId(cache, u"example.com/withdir@v1.0.0"_s);
        QCOMPARE(r.zipHash, u"h1:K1rkW5gP60ZSUZvwubIjTKCywr6r8hhdQDjdow0UUbk="_s);
        QCOMPARE(r.dirHash, u"h1:Fj2swK9IFOcIMzd7mDG0gAdOlzEiCtI7uKZt4wnApx8="_s);
        QVERIFY(!r.ok);
        QCOMPARE(int(r.status), int(VerifyStatus::Modified));
        QVERIFY2(
            hasProblem(
                r,
                u"dir has been modified: the files match the zip, but the zip has directory entries (example.com/withdir@v1.0.0/)"_s),
            qPrintable(problemsOf(r)));
        QVERIFY(!hasProblem(r, u"modified file"_s) && !hasProblem(r, u"extra file"_s)
                && !hasProblem(r, u"missing file"_s));
        QVERIFY(!r.treeRepairable);
        QVERIFY(!hasProblem(r, u"zip has been modified"_s));
    }

    // Verifying reads every file, but with O_NOATIME: "last used" stays as it was. The control
    // read shows whether this filesystem records atimes at all.
    void shouldNotChangeAtimes()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const QStringList files{treeOf(cache, kA) + u"/README.md"_s, fileOf(cache, kA, u".zip"_s),
                                fileOf(cache, kA, u".ziphash"_s), fileOf(cache, kA, u".mod"_s),
                                fileOf(cache, kA, u".info"_s)};
        const QString control = treeOf(cache, kA) + u"/pa.go"_s;
        for (const QString &f : files + QStringList{control})
            QVERIFY2(setOldAtime(f), qPrintable(f));
        const VersionVerifyResult r = verifyId(cache, kA);
        QVERIFY2(r.ok, qPrintable(problemsOf(r)));
        for (const QString &f : files)
            QVERIFY2(atimeOf(f).tv_sec == 1000000000, qPrintable(f + u" atime changed"_s));
        // The control: a plain read on this mount.
        QVERIFY(!readFile(control).isEmpty());
        qInfo("atime of a plain read %s on this filesystem",
              atimeOf(control).tv_sec == 1000000000 ? "does not change" : "changes");
    }

    // Repair re-extracts a damaged tree from its sound zip; go mod verify (1.19 and 1.23)
    // then passes in a sample module that requires the repaired versions, offline.
    void shouldRepairSoThatGoModVerifyPasses_data()
    {
        QTest::addColumn<QString>("go");
        QTest::newRow("go1.19") << GoTool::go119();
        QTest::newRow("go1.23") << GoTool::go123();
    }

    void shouldRepairSoThatGoModVerifyPasses()
    {
        QFETCH(QString, go);
        const auto work = workDir();
        const QString cache = m_world->freshCache(go, work->path());
        // A: edited + extra + missing file; Upper: a .partial marker; busy: 300 files, one edited.
        const QString treeA = treeOf(cache, kA);
        QVERIFY(editable(treeA + u"/README.md"_s)
                && writeFile(treeA + u"/README.md"_s, "edited\n"));
        QVERIFY(writeFile(treeA + u"/extra.txt"_s, "x"));
        QVERIFY(editable(treeA + u"/internal/deep/doc.go"_s)
                && QFile::remove(treeA + u"/internal/deep/doc.go"_s));
        QVERIFY(writeFile(fileOf(cache, kUpper, u".partial"_s), {}));
        const QString busyFile = treeOf(cache, kBusy) + u"/f0.go"_s;
        QVERIFY(editable(busyFile) && writeFile(busyFile, "package pbusy\n"));

        // go itself notices before the repair.
        const QString sample
            = m_world->writeSampleModule(work->mkpath(u"sample"_s), {kA, kUpper, kBusy});
        QVERIFY(!sample.isEmpty());
        const QProcessEnvironment env = m_world->env(go, cache, false);
        const ProcessResult before = GoTool::run(go, {u"mod"_s, u"verify"_s}, env, sample);
        QVERIFY2(!before.succeeded(), qPrintable(before.describe()));

        RepairJob::Options options;
        options.gomodcache = cache;
        QList<ModuleVersionRecord> records;
        for (const QString &id : {kA, kUpper, kBusy, u"example.com/ab@v1.0.0"_s})
            records.append(recordOf(cache, id));
        const QList<RepairResult> results = RepairJob::run(options, records);
        QCOMPARE(results.size(), 4);
        for (const RepairResult &r : results) {
            const QString id = r.path + u'@' + r.version;
            QVERIFY2(r.ok(), qPrintable(id + u": "_s + r.error.toString()));
            QCOMPARE(int(r.outcome),
                     int(id == u"example.com/ab@v1.0.0"_s ? RepairOutcome::NothingToDo
                                                          : RepairOutcome::Reextracted));
            QCOMPARE(int(r.after), int(VerifyStatus::Verified));
        }
        QVERIFY(results.at(0).problems.contains(u"extra file extra.txt"_s));

        // go's layout again: no marker, read-only tree, the damaged tree kept in the trash.
        QVERIFY(!exists(fileOf(cache, kA, u".partial"_s)));
        QVERIFY(!exists(fileOf(cache, kUpper, u".partial"_s)));
        QCOMPARE(modeOf(treeA) & 0777, mode_t(0555));
        QCOMPARE(modeOf(treeA + u"/README.md"_s) & 0777, mode_t(0444));
        QVERIFY(!exists(treeA + u"/extra.txt"_s));
        QVERIFY(exists(treeA + u"/internal/deep/doc.go"_s));
        bool damagedKept = false;
        for (const QString &e : entries(trashPath(cache)))
            damagedKept = damagedKept
                          || (e.startsWith(u"repair-"_s)
                              && exists(trashPath(cache) + u'/' + e + u"/extra.txt"_s));
        QVERIFY2(damagedKept, qPrintable(entries(trashPath(cache)).join(u", "_s)));
        QVERIFY(
            !entries(QFileInfo(treeA).absolutePath()).join(u' ').contains(u".modkeeper-repair"_s));

        const ProcessResult after = GoTool::run(go, {u"mod"_s, u"verify"_s}, env, sample);
        QVERIFY2(after.succeeded(), qPrintable(after.describe()));
        QVERIFY2(after.stdOut.contains("all modules verified"), after.stdOut.constData());
    }

    // A damaged zip cannot be fixed offline: reported as needing a download, nothing touched;
    // with a downloader plugged in, it is called.
    void shouldNotTouchWhatNeedsRedownload()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const QString zip = fileOf(cache, kA, u".zip"_s);
        QVERIFY(chmodPath(zip, 0644));
        QVERIFY(writeFile(zip, "PK broken"));
        const QStringList snapshot = listing(cache);
        RepairJob::Options options;
        options.gomodcache = cache;
        const RepairResult r = RepairJob::repairOne(options, recordOf(cache, kA));
        QCOMPARE(int(r.outcome), int(RepairOutcome::NeedsRedownload));
        QVERIFY2(r.error.message.contains(u"needs redownload"_s), qPrintable(r.error.toString()));
        QVERIFY(!r.ok());
        QCOMPARE(listing(cache), snapshot);

        int calls = 0;
        options.redownload = [&](const QString &gomodcache, const ModuleVersionRecord &v,
                                 const std::function<bool()> &) {
            ++calls;
            return gomodcache == cache && v.id() == kA ? Status(
                       Error::make(Error::Code::Network, u"offline in this test"_s, v.id()))
                                                       : Status();
        };
        const RepairResult hooked = RepairJob::repairOne(options, recordOf(cache, kA));
        QCOMPARE(calls, 1);
        QCOMPARE(int(hooked.outcome), int(RepairOutcome::Failed));
        QCOMPARE(hooked.error.message, u"offline in this test"_s);
        QCOMPARE(listing(cache), snapshot);
    }

    // Cancelling stops the job; progress is reported in KiB up to the total.
    void shouldReportProgressAndCancel()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        const ScanResult scan = CacheScanner::run({cache});
        VerifyJob::Options options;
        options.gomodcache = cache;
        QFuture<VersionVerifyResult> f = VerifyJob::start(options, scan.versions);
        f.waitForFinished();
        QVERIFY(f.progressMaximum() > 0);
        QCOMPARE(f.progressValue(), f.progressMaximum());
        QCOMPARE(f.resultCount(), scan.versions.size());

        QList<ModuleVersionRecord> many;
        for (int i = 0; i < 200; ++i)
            many.append(scan.versions);
        QFuture<VersionVerifyResult> c = VerifyJob::start(options, many);
        c.cancel();
        c.waitForFinished();
        QVERIFY(c.isCanceled());
        QVERIFY(c.resultCount() < many.size());
    }
};

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"
