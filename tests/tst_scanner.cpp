// SPDX-License-Identifier: GPL-3.0-or-later
// CacheScanner against module caches written by the real go commands (1.19 and 1.23), with
// every state go can leave behind and the debris a long-lived cache collects, injected by
// hand. The judges are go itself (what it downloaded), du and find.
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <memory>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>

#include "CacheWriter.h"
#include "DuRunner.h"
#include "ExpectedText.h"
#include "FileTimes.h"
#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "TreeRemover.h"
#include "common/CorePool.h"
#include "module/ModulePath.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

const QString kToml = u"github.com/BurntSushi/toml"_s;
const QString kAutorest = u"github.com/Azure/go-autorest"_s;
const QString kPseudo = u"example.com/pseudo"_s;
const QString kPseudoVersion = u"v0.0.0-20230102150405-abcdefabcdef"_s;
const QString kLegacy = u"example.com/legacy"_s;
const QString kYaml = u"gopkg.in/yaml.v3"_s;
const QString kBig = u"example.com/big"_s;
const QString kMetaOnly = u"example.com/metaonly"_s;
const QString kLockOnly = u"example.com/lockonly"_s;
const QString kToolchain = u"golang.org/toolchain"_s;
const QString kToolchainVersion = u"v0.0.1-go1.21.0.linux-amd64"_s;
const QString kVcsHash = QString::fromLatin1(
    QCryptographicHash::hash("git:https://example.com/vcs/repo", QCryptographicHash::Sha256)
        .toHex());

/// Relative paths that are neither versions nor go's own metadata: each must be reported
/// as unknown (or be inside an unknown entry), never decoded into a module.
const QStringList kUnknownItems{
    u"stray.txt"_s,
    u"github.com/!burnt!sushi/NOTES.txt"_s,
    u"example.com/x@v1.0.0.tmp-12345"_s,
    u"example.com/!!bad@v1.0.0"_s,
    u"Example.com/raw@v1.0.0"_s,
    u"example.com/escape"_s,
};

const QStringList kVersionSuffixes{u".info"_s,    u".mod"_s,  u".zip"_s,
                                   u".ziphash"_s, u".lock"_s, u".partial"_s};

struct ExpectedVersion
{
    QString path;
    QString version;
    VersionState state;
};

/// What the fixture holds after the injections, for every go.
const QList<ExpectedVersion> kExpected{
    {kToml, u"v1.1.0"_s, VersionState::ArchiveOnly}, // tree deleted
    {kToml, u"v1.2.0"_s, VersionState::Complete},
    {kToml, u"v1.2.1"_s, VersionState::Partial}, // .partial next to a complete tree
    {kToml, u"v1.3.0"_s, VersionState::Complete},
    {kAutorest, u"v1.0.0"_s, VersionState::Complete},
    {kAutorest, u"v1.1.0"_s, VersionState::Partial}, // zip without .ziphash, no tree
    {kPseudo, kPseudoVersion, VersionState::Complete},
    {kLegacy, u"v1.0.0"_s, VersionState::Complete}, // .zip deleted: tree + ziphash still usable
    {kLegacy, u"v2.0.0+incompatible"_s, VersionState::Complete},
    {kYaml, u"v3.0.0"_s, VersionState::Partial}, // .ziphash deleted
    {kYaml, u"v3.0.1"_s, VersionState::Complete},
    {kBig, u"v1.0.0"_s, VersionState::Complete},
    {kMetaOnly, u"v1.1.0"_s, VersionState::MetadataOnly}, // go list -m -json only
};

QString stateLine(const QString &path, const QString &version, VersionState state)
{
    return path + u'@' + version + u' ' + toString(state);
}

QStringList sortedStateLines(const QList<ModuleVersionRecord> &records)
{
    QStringList lines;
    for (const ModuleVersionRecord &r : records)
        lines << stateLine(r.path, r.version, r.state);
    lines.sort();
    return lines;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QByteArray filler(int bytes, char c = 'x')
{
    return QByteArray(bytes, c);
}

/// An entry path covers item when it is item or an ancestor of it.
bool covers(const QString &entryPath, const QString &item)
{
    return entryPath == item || item.startsWith(entryPath + u'/');
}

/// The files of one version that du must count for it: the tree and its own @v files.
QStringList versionPaths(const QString &gomodcache, const QString &path, const QString &version)
{
    QStringList out;
    const QString tree = CacheWriter::treePath(gomodcache, path, version);
    if (QFileInfo::exists(tree))
        out << tree;
    for (const QString &suffix : kVersionSuffixes) {
        const QString f = CacheWriter::downloadPath(gomodcache, path, version, suffix);
        if (QFileInfo::exists(f))
            out << f;
    }
    return out;
}

/// Regular files below root, as find sees them (symlinks are not followed).
QStringList regularFiles(const QString &root)
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    const ProcessResult r
        = Subprocess::run(u"find"_s, {root, u"-type"_s, u"f"_s, u"-print0"_s}, env);
    QStringList out;
    for (const QByteArray &p : r.stdOut.split('\0'))
        if (!p.isEmpty())
            out << QFile::decodeName(p);
    return out;
}

/// Gives every regular file below root whole-second atime and mtime days in the past, distinct
/// per file, so that (a) a read by the scanner WOULD update the atime even on relatime, and
/// (b) "downloaded" and "last used" can be compared exactly.
bool backdateFiles(const QString &root)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    bool ok = true;
    for (const QString &f : regularFiles(root)) {
        const quint32 h = quint32(qHash(f, 7)) % 100000;
        ok = FileTimes::setSeconds(f, now - 5 * 86400 - h, now - 2 * 86400 - (h * 7) % 86400) && ok;
    }
    return ok;
}

ScanResult scan(const QString &gomodcache)
{
    CacheScanner::Options options;
    options.gomodcache = gomodcache;
    return CacheScanner::run(options);
}

const ModuleVersionRecord *findVersion(const ScanResult &result, const QString &path,
                                       const QString &version)
{
    for (const ModuleVersionRecord &r : result.versions)
        if (r.path == path && r.version == version)
            return &r;
    return nullptr;
}

template<typename T>
quint64 sumDisk(const QList<T> &items)
{
    quint64 sum = 0;
    for (const T &i : items)
        sum += i.diskBytes;
    return sum;
}

template<typename T>
quint64 sumApparent(const QList<T> &items)
{
    quint64 sum = 0;
    for (const T &i : items)
        sum += i.apparentBytes;
    return sum;
}

QString describeOthers(const QList<OtherEntry> &others)
{
    QStringList lines;
    for (const OtherEntry &o : others)
        lines << toString(o.kind) + u' ' + o.path + u' ' + QString::number(o.diskBytes);
    return lines.join(u'\n');
}

/// A go-written cache with every injected state, for one go binary.
struct GoCache
{
    std::unique_ptr<ScratchDir> scratch;
    QString gomodcache;
    QString canary;
    QList<GoModuleInfo> downloaded;
};

} // namespace

class ScannerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldListExactlyTheVersionsInTheCache_data() { addGoRows(); }
    void shouldListExactlyTheVersionsInTheCache();
    void shouldListCompleteVersionsWrittenByGo_data() { addGoRows(); }
    void shouldListCompleteVersionsWrittenByGo();
    void shouldRecordEscapedNamesAndPieces_data() { addGoRows(); }
    void shouldRecordEscapedNamesAndPieces();
    void shouldFindTheSameVersionsWithoutSizingTrees_data() { addGoRows(); }
    void shouldFindTheSameVersionsWithoutSizingTrees();
    void shouldSizeEachVersionLikeDu_data() { addGoRows(); }
    void shouldSizeEachVersionLikeDu();
    void shouldAccountForEveryByteLikeDu_data() { addGoRows(); }
    void shouldAccountForEveryByteLikeDu();
    void shouldClassifyWhatIsNotAVersion_data() { addGoRows(); }
    void shouldClassifyWhatIsNotAVersion();
    void shouldNeverFollowSymlinks_data() { addGoRows(); }
    void shouldNeverFollowSymlinks();
    void shouldNotChangeAnyAtime_data() { addGoRows(); }
    void shouldNotChangeAnyAtime();
    void shouldReportDownloadedAndLastUsedFromFileTimes_data() { addGoRows(); }
    void shouldReportDownloadedAndLastUsedFromFileTimes();
    void shouldDetectHowTheFilesystemUpdatesAtimes();
    void shouldReportUnreadableDirectoriesAndScanTheRest();
    void shouldReportAnEmptyCacheAsEmpty();
    void shouldFailCleanlyWhenTheCacheCannotBeRead_data();
    void shouldFailCleanlyWhenTheCacheCannotBeRead();
    void shouldStreamDisjointChunksEndingWithAFinalOne();
    void shouldStopPromptlyWhenCancelled_data();
    void shouldStopPromptlyWhenCancelled();

private:
    static void addGoRows();
    void publishFixtureModules();
    void buildGoCache(const QString &go);
    void buildSyntheticCache();
    [[nodiscard]] const GoCache &cache(const QString &go) const { return m_caches.at(go); }

    std::unique_ptr<ScratchDir> m_shared;
    std::unique_ptr<FixtureProxy> m_proxy;
    std::map<QString, GoCache> m_caches;
    std::unique_ptr<ScratchDir> m_syntheticDir;
    QString m_synthetic; ///< hand-written GOMODCACHE with many versions
    int m_syntheticVersions = 0;
};

void ScannerTest::addGoRows()
{
    QTest::addColumn<QString>("go");
    QTest::newRow("go1.19") << GoTool::go119();
    QTest::newRow("go1.23") << GoTool::go123();
}

void ScannerTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_shared = std::make_unique<ScratchDir>(u"tst_scanner"_s);
    QVERIFY(m_shared->isValid());
    publishFixtureModules();
    if (QTest::currentTestFailed())
        return;
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        buildGoCache(go);
        if (QTest::currentTestFailed())
            return;
    }
    buildSyntheticCache();
}

void ScannerTest::publishFixtureModules()
{
    m_proxy = std::make_unique<FixtureProxy>(m_shared->mkpath(u"proxy"_s));
    auto add
        = [this](const QString &path, const QString &version, const FixtureProxy::Files &files) {
              const Status st = m_proxy->addModule(path, version, files);
              QVERIFY2(st.ok(), qPrintable(st.error().toString()));
          };
    auto small = [](const QString &path, const QByteArray &source) {
        return FixtureProxy::Files{{u"go.mod"_s, FixtureProxy::goMod(path)}, {u"lib.go"_s, source}};
    };
    for (const QString &v : {u"v1.1.0"_s, u"v1.2.0"_s, u"v1.2.1"_s, u"v1.3.0"_s})
        add(kToml, v, small(kToml, "package toml\n\nconst Version = \"" + v.toUtf8() + "\"\n"));
    add(kAutorest, u"v1.0.0"_s, small(kAutorest, "package autorest\n"));
    add(kAutorest, u"v1.1.0"_s, small(kAutorest, "package autorest\n\n// v1.1.0\n"));
    add(kPseudo, kPseudoVersion, small(kPseudo, "package pseudo\n"));
    // No go.mod: the proxy serves the synthesized "module example.com/legacy\n".
    add(kLegacy, u"v1.0.0"_s, {{u"legacy.go"_s, "package legacy\n"}});
    add(kLegacy, u"v2.0.0+incompatible"_s,
        {{u"legacy.go"_s, "package legacy\n\n// v2\n"}, {u"LICENSE"_s, filler(5000)}});
    add(kYaml, u"v3.0.0"_s, small(kYaml, "package yaml\n"));
    add(kYaml, u"v3.0.1"_s, small(kYaml, "package yaml\n\n// v3.0.1\n"));
    add(kBig, u"v1.0.0"_s, FixtureProxy::generatedFiles(kBig, 40, 42));
    add(kMetaOnly, u"v1.1.0"_s, small(kMetaOnly, "package metaonly\n"));
    add(kLockOnly, u"v1.0.0"_s, small(kLockOnly, "package lockonly\n"));
    add(kToolchain, kToolchainVersion,
        {{u"go.mod"_s, "module golang.org/toolchain\n"},
         {u"go/VERSION"_s, "go1.21.0\n"},
         {u"go/bin/go"_s, filler(9000, 'g')},
         {u"go/src/fmt/print.go"_s, "package fmt\n"}});
}

void ScannerTest::buildGoCache(const QString &go)
{
    GoCache c;
    c.scratch = std::make_unique<ScratchDir>(u"tst_scanner-"_s + GoTool::label(go));
    QVERIFY(c.scratch->isValid());
    c.gomodcache = c.scratch->filePath(u"gomodcache"_s);
    const QString home = c.scratch->mkpath(u"home"_s);
    const QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, home, c.gomodcache, m_proxy->url());

    QStringList toDownload = m_proxy->published();
    toDownload.removeAll(kMetaOnly + u"@v1.1.0"_s);
    const GoDownloadResult dl = GoTool::downloadModules(go, env, toDownload);
    QVERIFY2(dl.ok(), qPrintable(dl.describe()));
    QCOMPARE(dl.modules.size(), toDownload.size());
    c.downloaded = dl.modules;
    const GoDownloadResult listed = GoTool::listModule(go, env, kMetaOnly + u"@v1.1.0"_s);
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));
    const QString gmc = c.gomodcache;
    QVERIFY2(!QFileInfo::exists(CacheWriter::treePath(gmc, kMetaOnly, u"v1.1.0"_s)),
             "go list -m extracted a tree");
    QVERIFY(QFileInfo::exists(CacheWriter::downloadPath(gmc, kMetaOnly, u"v1.1.0"_s, u".info"_s)));
    QVERIFY(QFileInfo::exists(CacheWriter::downloadPath(gmc, kMetaOnly, u"v1.1.0"_s, u".mod"_s)));

    auto dlPath = [&](const QString &path, const QString &version, const QString &suffix) {
        return CacheWriter::downloadPath(gmc, path, version, suffix);
    };
    auto remove = [](const QString &p) { QVERIFY2(TreeRemover::removeAll(p), qPrintable(p)); };

    // A .partial next to a complete tree: go would re-extract it.
    QVERIFY(writeFile(dlPath(kToml, u"v1.2.1"_s, u".partial"_s), {}));
    // A tree without its .ziphash.
    remove(dlPath(kYaml, u"v3.0.0"_s, u".ziphash"_s));
    // Archive only: the tree is gone.
    remove(CacheWriter::treePath(gmc, kToml, u"v1.1.0"_s));
    // A zip without its .ziphash and no tree.
    remove(CacheWriter::treePath(gmc, kAutorest, u"v1.1.0"_s));
    remove(dlPath(kAutorest, u"v1.1.0"_s, u".ziphash"_s));
    // Tree + ziphash without the zip: still usable by builds.
    remove(dlPath(kLegacy, u"v1.0.0"_s, u".zip"_s));
    // Only the lock of a version remains: not a version. Not empty, so its bytes show.
    remove(CacheWriter::treePath(gmc, kLockOnly, u"v1.0.0"_s));
    for (const QString &suffix : {u".info"_s, u".mod"_s, u".zip"_s, u".ziphash"_s})
        remove(dlPath(kLockOnly, u"v1.0.0"_s, suffix));
    QVERIFY(writeFile(dlPath(kLockOnly, u"v1.0.0"_s, u".lock"_s), filler(6000)));

    // A VCS clone for a direct fetch.
    const QString vcs = gmc + u"/cache/vcs/"_s + kVcsHash;
    QVERIFY(writeFile(vcs + u"/HEAD"_s, "ref: refs/heads/main\n"));
    QVERIFY(writeFile(vcs + u"/config"_s, "[core]\n\tbare = true\n"));
    QVERIFY(writeFile(vcs + u"/objects/pack/pack-1.pack"_s, filler(12000, 'p')));
    QVERIFY(writeFile(vcs + u".info"_s, "git:https://example.com/vcs/repo"));
    QVERIFY(writeFile(vcs + u".lock"_s, {}));
    // Checksum database cache.
    const QString sumdb = gmc + u"/cache/download/sumdb/sum.golang.org"_s;
    QVERIFY(writeFile(sumdb + u"/lookup/github.com/!burnt!sushi/toml@v1.2.0"_s, filler(300, 'l')));
    QVERIFY(writeFile(sumdb + u"/tile/8/0/000.p/1"_s, filler(32, 't')));
    QVERIFY(writeFile(sumdb + u"/tile/8/1/000"_s, filler(8192, 't')));

    // Unknown things: a stray root file, a file in a namespace directory, a pre-1.16 temp
    // directory, undecodable names.
    QVERIFY(writeFile(gmc + u"/stray.txt"_s, filler(100)));
    QVERIFY(writeFile(gmc + u"/github.com/!burnt!sushi/NOTES.txt"_s, filler(5000)));
    QVERIFY(writeFile(gmc + u"/example.com/x@v1.0.0.tmp-12345/x.go"_s, filler(4500)));
    QVERIFY(writeFile(gmc + u"/example.com/!!bad@v1.0.0/bad.go"_s, filler(300)));
    QVERIFY(writeFile(gmc + u"/Example.com/raw@v1.0.0/raw.go"_s, filler(300)));
    // ModKeeper's trash.
    QVERIFY(writeFile(gmc + u"/.modkeeper-trash/1/github.com/gone@v1.0.0/gone.go"_s, filler(7000)));

    // Symlink loops inside a module tree (go's trees are read-only: open it up for a moment).
    const QString big = CacheWriter::treePath(gmc, kBig, u"v1.0.0"_s);
    QCOMPARE(TreeRemover::chmod(big, 0755), 0);
    QCOMPARE(::symlink(".", QFile::encodeName(big + u"/loop"_s).constData()), 0);
    QCOMPARE(::symlink("cycle-b", QFile::encodeName(big + u"/cycle-a"_s).constData()), 0);
    QCOMPARE(::symlink("cycle-a", QFile::encodeName(big + u"/cycle-b"_s).constData()), 0);
    // A hard link: du counts the inode once, find counts both names.
    QCOMPARE(::link(QFile::encodeName(big + u"/go.mod"_s).constData(),
                    QFile::encodeName(big + u"/go.mod.hardlink"_s).constData()),
             0);
    QCOMPARE(TreeRemover::chmod(big, 0555), 0);
    // A symlink in a namespace directory to a canary outside the cache, holding a megabyte.
    c.canary = c.scratch->mkpath(u"canary"_s);
    QVERIFY(writeFile(c.canary + u"/big.bin"_s, filler(1 << 20, 'c')));
    QCOMPARE(::symlink(QFile::encodeName(c.canary).constData(),
                       QFile::encodeName(gmc + u"/example.com/escape"_s).constData()),
             0);

    m_caches.emplace(go, std::move(c));
}

void ScannerTest::buildSyntheticCache()
{
    // Tens of thousands of files: in memory where possible, where creating and deleting them
    // takes a second instead of minutes on a disk mounted with online discard.
    m_syntheticDir
        = std::make_unique<ScratchDir>(u"tst_scanner-synthetic"_s, ScratchDir::Location::Memory);
    QVERIFY(m_syntheticDir->isValid());
    m_synthetic = m_syntheticDir->filePath(u"gomodcache"_s);
    CacheWriter writer(m_synthetic);
    // Big enough that a scan takes a while and streams many chunks.
    const int modules = 600;
    const int versionsPerModule = 4;
    for (int m = 0; m < modules; ++m) {
        const QString path = u"example.com/org%1/Module%2"_s.arg(m % 37).arg(m);
        for (int v = 0; v < versionsPerModule; ++v) {
            const QString version = u"v1.%1.0"_s.arg(v);
            const FixtureProxy::Files files
                = FixtureProxy::generatedFiles(path, 10, quint32(m * 10 + v), 50, 400);
            const Status st = writer.addCompleteVersion(path, version, files);
            QVERIFY2(st.ok(), qPrintable(st.error().toString()));
            ++m_syntheticVersions;
        }
    }
}

void ScannerTest::shouldListExactlyTheVersionsInTheCache()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache);
    QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
    QVERIFY(!result.cancelled);

    QStringList expected;
    for (const ExpectedVersion &e : kExpected)
        expected << stateLine(e.path, e.version, e.state);
    expected.sort();
    QCOMPARE(sortedStateLines(result.versions), expected);
    QCOMPARE(result.totals.versions, quint64(kExpected.size()));
}

void ScannerTest::shouldListCompleteVersionsWrittenByGo()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache);
    // Everything go reported and the fixture did not damage afterwards.
    const QSet<QString> damaged{kToml + u"@v1.1.0"_s,     kToml + u"@v1.2.1"_s,
                                kAutorest + u"@v1.1.0"_s, kYaml + u"@v3.0.0"_s,
                                kLockOnly + u"@v1.0.0"_s, kToolchain + u'@' + kToolchainVersion};
    int checked = 0;
    for (const GoModuleInfo &m : c.downloaded) {
        if (damaged.contains(m.id()))
            continue;
        const ModuleVersionRecord *r = findVersion(result, m.path, m.version);
        QVERIFY2(r, qPrintable(m.id() + u" downloaded by go is missing"_s));
        QVERIFY2(r->state == VersionState::Complete,
                 qPrintable(m.id() + u" is "_s + toString(r->state)));
        ++checked;
    }
    QCOMPARE(checked, 8);
}

void ScannerTest::shouldRecordEscapedNamesAndPieces()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache);
    QVERIFY(!result.versions.isEmpty());
    for (const ModuleVersionRecord &r : result.versions) {
        QCOMPARE(r.escapedPath, ModulePath::escapePath(r.path).value());
        QCOMPARE(r.escapedVersion, ModulePath::escapeVersion(r.version).value());
        QCOMPARE(r.id(), r.path + u'@' + r.version);
        auto has = [&](const QString &suffix) {
            return QFileInfo::exists(
                CacheWriter::downloadPath(c.gomodcache, r.path, r.version, suffix));
        };
        quint8 expected = 0;
        if (QFileInfo(CacheWriter::treePath(c.gomodcache, r.path, r.version)).isDir())
            expected |= HasTree;
        if (has(u".zip"_s))
            expected |= HasZip;
        if (has(u".ziphash"_s))
            expected |= HasZiphash;
        if (has(u".info"_s))
            expected |= HasInfo;
        if (has(u".mod"_s))
            expected |= HasMod;
        if (has(u".partial"_s))
            expected |= HasPartial;
        if (has(u".lock"_s))
            expected |= HasLock;
        QVERIFY2(r.pieces == expected,
                 qPrintable(r.id() + u": pieces %1, on disk %2"_s.arg(r.pieces).arg(expected)));
    }
    const ModuleVersionRecord *toml = findVersion(result, kToml, u"v1.2.0"_s);
    QVERIFY(toml);
    QCOMPARE(toml->escapedPath, u"github.com/!burnt!sushi/toml"_s);
}

// verify's cheap scan: the same versions, pieces and states, only the tree sizes left out.
void ScannerTest::shouldFindTheSameVersionsWithoutSizingTrees()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult full = scan(c.gomodcache);
    CacheScanner::Options options;
    options.gomodcache = c.gomodcache;
    options.sizeTrees = false;
    const ScanResult quick = CacheScanner::run(options);
    QVERIFY(!full.versions.isEmpty());
    QCOMPARE(quick.versions.size(), full.versions.size());
    bool someTreeHasFiles = false;
    for (const ModuleVersionRecord &f : full.versions) {
        const ModuleVersionRecord *q = findVersion(quick, f.path, f.version);
        QVERIFY2(q, qPrintable(f.id()));
        QCOMPARE(q->escapedPath, f.escapedPath);
        QCOMPARE(q->escapedVersion, f.escapedVersion);
        QCOMPARE(q->pieces, f.pieces);
        QCOMPARE(int(q->state), int(f.state));
        QCOMPARE(q->files, quint64(0)); // not walked
        someTreeHasFiles = someTreeHasFiles || f.files > 0;
    }
    QVERIFY(someTreeHasFiles);
}

void ScannerTest::shouldSizeEachVersionLikeDu()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache);
    QCOMPARE(result.versions.size(), kExpected.size());
    for (const ModuleVersionRecord &r : result.versions) {
        const QStringList paths = versionPaths(c.gomodcache, r.path, r.version);
        const Expected<quint64> disk = DuRunner::total(paths);
        QVERIFY2(disk.ok(), qPrintable(errorText(disk)));
        const Expected<quint64> apparent = DuRunner::total(paths, DuRunner::Measure::Apparent);
        QVERIFY2(apparent.ok(), qPrintable(errorText(apparent)));
        const QString tree = CacheWriter::treePath(c.gomodcache, r.path, r.version);
        const bool hasTree = QFileInfo::exists(tree);
        const quint64 files
            = hasTree ? DuRunner::nonDirectoryEntries(tree).valueOr(~quint64(0)) : 0;
        const quint64 treeBytes = hasTree ? DuRunner::summary(tree).valueOr(~quint64(0)) : 0;
        const QString what = r.id() + u" ("_s + paths.join(u' ') + u")"_s;
        QVERIFY2(r.diskBytes == disk.value(),
                 qPrintable(what + u": diskBytes %1, du %2"_s.arg(r.diskBytes).arg(disk.value())));
        QVERIFY2(r.apparentBytes == apparent.value(),
                 qPrintable(what
                            + u": apparentBytes %1, du --apparent-size %2"_s.arg(r.apparentBytes)
                                  .arg(apparent.value())));
        QVERIFY2(r.files == files,
                 qPrintable(what + u": files %1, find %2"_s.arg(r.files).arg(files)));
        QVERIFY2(
            r.treeBytes == treeBytes,
            qPrintable(what + u": treeBytes %1, du -s tree %2"_s.arg(r.treeBytes).arg(treeBytes)));
    }
    // The nested module really is nested and sized: 40 files + go.mod + 3 symlinks + 1 hard link.
    const ModuleVersionRecord *big = findVersion(result, kBig, u"v1.0.0"_s);
    QVERIFY(big);
    QCOMPARE(big->files, quint64(45));
}

void ScannerTest::shouldAccountForEveryByteLikeDu()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache);
    const Expected<quint64> du = DuRunner::summary(c.gomodcache);
    QVERIFY2(du.ok(), qPrintable(errorText(du)));
    QCOMPARE(result.totals.diskBytes, du.value());
    const quint64 parts = sumDisk(result.versions) + sumDisk(result.others);
    QVERIFY2(parts == result.totals.diskBytes,
             qPrintable(u"versions %1 + others %2 != total %3\n"_s.arg(sumDisk(result.versions))
                            .arg(sumDisk(result.others))
                            .arg(result.totals.diskBytes)
                        + describeOthers(result.others)));

    const Expected<quint64> apparent = DuRunner::summary(c.gomodcache, DuRunner::Measure::Apparent);
    QVERIFY(apparent.ok());
    QCOMPARE(result.totals.apparentBytes, apparent.value());
    QCOMPARE(sumApparent(result.versions) + sumApparent(result.others),
             result.totals.apparentBytes);

    const Expected<quint64> files = DuRunner::nonDirectoryEntries(c.gomodcache);
    QVERIFY(files.ok());
    QCOMPARE(result.totals.files, files.value());
}

void ScannerTest::shouldClassifyWhatIsNotAVersion()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache);
    const QString others = describeOthers(result.others);
    auto entriesOf = [&](OtherKind kind) {
        QList<OtherEntry> out;
        for (const OtherEntry &o : result.others)
            if (o.kind == kind)
                out << o;
        return out;
    };
    auto du = [&](const QString &relative) {
        return DuRunner::summary(c.gomodcache + u'/' + relative).valueOr(0);
    };

    // cache/vcs/<hash>: the clone, as one entry.
    const QString vcs = u"cache/vcs/"_s + kVcsHash;
    const QList<OtherEntry> vcsEntries = entriesOf(OtherKind::Vcs);
    const auto clone = std::find_if(vcsEntries.cbegin(), vcsEntries.cend(),
                                    [&](const OtherEntry &o) { return o.path == vcs; });
    QVERIFY2(clone != vcsEntries.cend(), qPrintable(others));
    QVERIFY2(clone->diskBytes >= du(vcs), qPrintable(others));
    QVERIFY(sumDisk(vcsEntries) <= du(u"cache/vcs"_s));

    // cache/download/sumdb: lookups and tiles.
    const QList<OtherEntry> sumdbEntries = entriesOf(OtherKind::Sumdb);
    QVERIFY2(!sumdbEntries.isEmpty(), qPrintable(others));
    for (const OtherEntry &o : sumdbEntries)
        QVERIFY2(covers(u"cache/download/sumdb"_s, o.path), qPrintable(o.path));
    const quint64 sumdbFiles
        = DuRunner::total(regularFiles(c.gomodcache + u"/cache/download/sumdb"_s)).valueOr(0);
    QVERIFY2(sumdbFiles > 0 && sumDisk(sumdbEntries) >= sumdbFiles, qPrintable(others));
    QVERIFY(sumDisk(sumdbEntries) <= du(u"cache/download/sumdb"_s));

    // The toolchain is a whole Go distribution, not a dependency.
    const QString toolchainTree = u"golang.org/toolchain@"_s + kToolchainVersion;
    const QList<OtherEntry> toolchains = entriesOf(OtherKind::Toolchain);
    QVERIFY2(std::any_of(toolchains.cbegin(), toolchains.cend(),
                         [&](const OtherEntry &o) {
                             return o.path == toolchainTree && o.diskBytes >= du(toolchainTree);
                         }),
             qPrintable(others));
    QVERIFY(!findVersion(result, kToolchain, kToolchainVersion));

    // ModKeeper's own trash.
    const QList<OtherEntry> trash = entriesOf(OtherKind::Trash);
    QVERIFY2(!trash.isEmpty(), qPrintable(others));
    for (const OtherEntry &o : trash)
        QVERIFY2(covers(CacheScanner::trashDirName(), o.path), qPrintable(o.path));
    const quint64 trashFiles
        = DuRunner::total(regularFiles(c.gomodcache + u'/' + CacheScanner::trashDirName()))
              .valueOr(0);
    QVERIFY2(trashFiles > 0 && sumDisk(trash) >= trashFiles, qPrintable(others));
    QVERIFY(sumDisk(trash) <= du(CacheScanner::trashDirName()));

    // Unknown: listed, never decoded, never guessed.
    const QList<OtherEntry> unknown = entriesOf(OtherKind::Unknown);
    for (const QString &item : kUnknownItems) {
        QVERIFY2(std::any_of(unknown.cbegin(), unknown.cend(),
                             [&](const OtherEntry &o) { return covers(o.path, item); }),
                 qPrintable(item + u" is not reported as unknown:\n"_s + others));
    }
    for (const OtherEntry &o : unknown) {
        QVERIFY2(o.path != u"."_s && !o.path.startsWith(u"cache/"_s) && o.path != u"example.com"_s
                     && o.path != u"github.com"_s,
                 qPrintable(u"go's own files reported as unknown: "_s + o.path));
    }

    // Metadata: @v/list files and the lock of a version that is gone, among others.
    QStringList metadataFiles{
        CacheWriter::downloadPath(c.gomodcache, kLockOnly, u"v1.0.0"_s, u".lock"_s)};
    for (const QString &f : regularFiles(c.gomodcache + u"/cache/download"_s))
        if (f.endsWith(u"/@v/list"_s))
            metadataFiles << f;
    const quint64 metadataFloor = DuRunner::total(metadataFiles).valueOr(~quint64(0));
    QVERIFY2(
        sumDisk(entriesOf(OtherKind::Metadata)) >= metadataFloor,
        qPrintable(u"metadata %1 < lists + lock %2\n"_s.arg(sumDisk(entriesOf(OtherKind::Metadata)))
                       .arg(metadataFloor)
                   + others));
    QVERIFY(!findVersion(result, kLockOnly, u"v1.0.0"_s));
}

void ScannerTest::shouldNeverFollowSymlinks()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    const ScanResult result = scan(c.gomodcache); // returns at all: the loops were not followed
    QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
    // The canary's megabyte is outside the cache: du does not count it, nor may the scanner.
    const Expected<quint64> du = DuRunner::summary(c.gomodcache);
    QVERIFY(du.ok());
    QCOMPARE(result.totals.diskBytes, du.value());
    const quint64 canary = DuRunner::summary(c.canary).valueOr(0);
    QVERIFY(canary >= (1u << 20));
    for (const OtherEntry &o : result.others)
        QVERIFY2(o.diskBytes < canary, qPrintable(o.path + u" counts the canary"_s));
    for (const ModuleVersionRecord &r : result.versions)
        QVERIFY2(r.diskBytes < canary, qPrintable(r.id() + u" counts the canary"_s));
    // Nothing below the link is reported as if it were in the cache.
    for (const OtherEntry &o : result.others)
        QVERIFY2(!o.path.startsWith(u"example.com/escape/"_s), qPrintable(o.path));
    for (const ScanIssue &i : result.issues)
        QVERIFY2(!i.path.startsWith(c.canary), qPrintable(i.path));
}

void ScannerTest::shouldNotChangeAnyAtime()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    // Otherwise the check below would prove nothing.
    QVERIFY2(FileTimes::readsUpdateOldAtimes(c.scratch->path()),
             "reads do not update atimes on this filesystem (noatime?): this test needs relatime "
             "or strictatime");
    QVERIFY(backdateFiles(c.gomodcache));
    QVERIFY(backdateFiles(c.canary));

    QStringList files = regularFiles(c.gomodcache) + regularFiles(c.canary);
    QVERIFY(files.size() > 100);
    QHash<QString, timespec> before;
    for (const QString &f : files) {
        const auto t = FileTimes::get(f);
        QVERIFY(t);
        before.insert(f, t->atime);
    }
    const ScanResult result = scan(c.gomodcache);
    QCOMPARE(result.versions.size(), kExpected.size());
    QStringList changed;
    for (const QString &f : files) {
        const auto t = FileTimes::get(f);
        QVERIFY(t);
        if (!FileTimes::equal(t->atime, before.value(f)))
            changed << f + u": "_s + FileTimes::describe(before.value(f)) + u" -> "_s
                           + FileTimes::describe(t->atime);
    }
    QVERIFY2(changed.isEmpty(),
             qPrintable(u"the scan changed atimes:\n"_s + changed.mid(0, 20).join(u'\n')));
}

void ScannerTest::shouldReportDownloadedAndLastUsedFromFileTimes()
{
    QFETCH(QString, go);
    const GoCache &c = cache(go);
    QVERIFY(backdateFiles(c.gomodcache));
    const ScanResult result = scan(c.gomodcache);
    QCOMPARE(toString(result.atimeMode), toString(CacheScanner::detectAtimeMode(c.gomodcache)));
    QCOMPARE(result.versions.size(), kExpected.size());
    for (const ModuleVersionRecord &r : result.versions) {
        auto times = [&](const QString &suffix) {
            return FileTimes::get(
                CacheWriter::downloadPath(c.gomodcache, r.path, r.version, suffix));
        };
        const auto ziphash = times(u".ziphash"_s);
        const auto info = times(u".info"_s);
        const auto mod = times(u".mod"_s);
        QDateTime downloaded;
        if (ziphash)
            downloaded = FileTimes::toDateTime(ziphash->mtime);
        else if (info)
            downloaded = FileTimes::toDateTime(info->mtime);
        QVERIFY2(r.downloaded == downloaded,
                 qPrintable(r.id() + u": downloaded "_s + r.downloaded.toString(Qt::ISODateWithMs)
                            + u", expected "_s + downloaded.toString(Qt::ISODateWithMs)));

        QDateTime lastUsed;
        if (result.atimeMode != AtimeMode::NoAtime) {
            for (const auto &t : {ziphash, info, mod})
                if (t && (!lastUsed.isValid() || FileTimes::toDateTime(t->atime) > lastUsed))
                    lastUsed = FileTimes::toDateTime(t->atime);
        }
        QVERIFY2(r.lastUsed == lastUsed,
                 qPrintable(r.id() + u": lastUsed "_s + r.lastUsed.toString(Qt::ISODateWithMs)
                            + u", expected "_s + lastUsed.toString(Qt::ISODateWithMs)));
    }
}

void ScannerTest::shouldDetectHowTheFilesystemUpdatesAtimes()
{
    struct statvfs vfs;
    QCOMPARE(::statvfs(QFile::encodeName(m_shared->path()).constData(), &vfs), 0);
    AtimeMode expected = AtimeMode::Strict;
    if (vfs.f_flag & ST_NOATIME)
        expected = AtimeMode::NoAtime;
    else if (vfs.f_flag & ST_RELATIME)
        expected = AtimeMode::Relatime;
    QCOMPARE(toString(CacheScanner::detectAtimeMode(m_shared->path())), toString(expected));
}

void ScannerTest::shouldReportUnreadableDirectoriesAndScanTheRest()
{
    ScratchDir scratch(u"tst_scanner-unreadable"_s);
    QVERIFY(scratch.isValid());
    const QString gmc = scratch.filePath(u"gomodcache"_s);
    const QString home = scratch.mkpath(u"home"_s);
    const QProcessEnvironment env
        = GoTool::isolatedEnvironment(GoTool::go123(), home, gmc, m_proxy->url());
    const QStringList wanted{kToml + u"@v1.2.0"_s, kYaml + u"@v3.0.1"_s,
                             kLegacy + u"@v2.0.0+incompatible"_s};
    const GoDownloadResult dl = GoTool::downloadModules(GoTool::go123(), env, wanted);
    QVERIFY2(dl.ok(), qPrintable(dl.describe()));

    // A namespace directory nobody may list, and a directory inside a module tree.
    const QString sealedNamespace = gmc + u"/example.com/sealed"_s;
    QVERIFY(writeFile(sealedNamespace + u"/m@v1.0.0/m.go"_s, filler(100)));
    const QString yamlTree = CacheWriter::treePath(gmc, kYaml, u"v3.0.1"_s);
    const QString sealedInTree = yamlTree + u"/sealed"_s;
    QCOMPARE(TreeRemover::chmod(yamlTree, 0755), 0);
    QVERIFY(writeFile(sealedInTree + u"/inner.go"_s, filler(100)));
    QCOMPARE(TreeRemover::chmod(yamlTree, 0555), 0);
    QCOMPARE(TreeRemover::chmod(sealedNamespace, 0), 0);
    QCOMPARE(TreeRemover::chmod(sealedInTree, 0), 0);

    QStringList versionIds;
    QStringList issuePaths;
    if (Subprocess::isRoot()) {
        // Root reads anything: scan as nobody through the CLI. Let nobody reach the fixture.
        QCOMPARE(TreeRemover::chmod(scratch.path(), 0755), 0);
        QCOMPARE(TreeRemover::chmod(gmc, 0755), 0);
        QProcessEnvironment cliEnv;
        cliEnv.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        cliEnv.insert(u"HOME"_s, home);
        cliEnv.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        const ProcessResult r = Subprocess::runUnprivileged(
            QStringLiteral(MODKEEPER_CLI), {u"scan"_s, u"--json"_s, u"--modcache"_s, gmc}, cliEnv,
            scratch.path());
        QVERIFY2(r.started && !r.timedOut && !r.crashed, qPrintable(r.describe()));
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(r.describe()));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(r.stdOut, &pe);
        QVERIFY2(doc.isObject(), qPrintable(pe.errorString() + u"\n"_s + r.describe()));
        for (const QJsonValue &v : doc.object().value(u"versions"_s).toArray())
            versionIds << v.toObject().value(u"path"_s).toString() + u'@'
                              + v.toObject().value(u"version"_s).toString();
        for (const QJsonValue &v : doc.object().value(u"issues"_s).toArray())
            issuePaths << v.toObject().value(u"path"_s).toString();
    } else {
        const ScanResult result = scan(gmc);
        QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
        for (const ModuleVersionRecord &r : result.versions)
            versionIds << r.id();
        for (const ScanIssue &i : result.issues)
            issuePaths << i.path;
    }
    versionIds.sort();
    QStringList expectedIds = wanted;
    expectedIds.sort();
    QCOMPARE(versionIds, expectedIds);
    QVERIFY2(issuePaths.contains(sealedNamespace), qPrintable(issuePaths.join(u'\n')));
    QVERIFY2(issuePaths.contains(sealedInTree), qPrintable(issuePaths.join(u'\n')));
}

void ScannerTest::shouldReportAnEmptyCacheAsEmpty()
{
    ScratchDir scratch(u"tst_scanner-empty"_s);
    const QString gmc = scratch.mkpath(u"gomodcache"_s);
    const ScanResult result = scan(gmc);
    QVERIFY2(!result.error.isError(), qPrintable(result.error.toString()));
    QVERIFY(result.versions.isEmpty());
    QCOMPARE(result.totals.versions, quint64(0));
    QCOMPARE(result.totals.diskBytes, DuRunner::summary(gmc).value());
    QCOMPARE(sumDisk(result.others), result.totals.diskBytes);
}

void ScannerTest::shouldFailCleanlyWhenTheCacheCannotBeRead_data()
{
    QTest::addColumn<QString>("relative");
    QTest::addColumn<bool>("makeFile");
    QTest::newRow("missing") << u"does/not/exist"_s << false;
    QTest::newRow("a file") << u"plainfile"_s << true;
}

void ScannerTest::shouldFailCleanlyWhenTheCacheCannotBeRead()
{
    QFETCH(QString, relative);
    QFETCH(bool, makeFile);
    ScratchDir scratch(u"tst_scanner-missing"_s);
    const QString gmc = scratch.filePath(relative);
    if (makeFile)
        QVERIFY(writeFile(gmc, "not a directory\n"));
    const ScanResult result = scan(gmc);
    QVERIFY(result.error.isError());
    QVERIFY2(result.error.toString().contains(gmc), qPrintable(result.error.toString()));
    QVERIFY(result.versions.isEmpty());
    QVERIFY(!QFileInfo(gmc).isDir()); // nothing was created
}

void ScannerTest::shouldStreamDisjointChunksEndingWithAFinalOne()
{
    CacheScanner::Options options;
    options.gomodcache = m_synthetic;
    options.flushIntervalMs = 1;
    QFutureWatcher<ScanChunk> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<ScanChunk>::finished);
    QSignalSpy ready(&watcher, &QFutureWatcher<ScanChunk>::resultReadyAt);
    watcher.setFuture(CacheScanner::start(options));
    QVERIFY(finished.wait(120000));
    const QFuture<ScanChunk> future = watcher.future();
    QVERIFY(!future.isCanceled());
    const QList<ScanChunk> chunks = future.results();
    QVERIFY2(chunks.size() > 1, qPrintable(u"%1 chunk(s)"_s.arg(chunks.size())));
    QVERIFY(ready.count() >= 1);

    QSet<QString> seen;
    int versions = 0;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        QCOMPARE(chunks.at(i).final, i == chunks.size() - 1);
        for (const ModuleVersionRecord &r : chunks.at(i).versions) {
            QVERIFY2(!seen.contains(r.id()), qPrintable(r.id() + u" delivered twice"_s));
            seen.insert(r.id());
            ++versions;
        }
        if (i > 0)
            QVERIFY(chunks.at(i).totals.diskBytes >= chunks.at(i - 1).totals.diskBytes);
    }
    QCOMPARE(versions, m_syntheticVersions);
    const ScanChunk &last = chunks.constLast();
    QCOMPARE(last.totals.versions, quint64(m_syntheticVersions));
    QCOMPARE(last.totals.diskBytes, DuRunner::summary(m_synthetic).value());

    // The same as a blocking run.
    const ScanResult whole = scan(m_synthetic);
    QCOMPARE(whole.versions.size(), m_syntheticVersions);
    QCOMPARE(whole.totals.diskBytes, last.totals.diskBytes);
}

void ScannerTest::shouldStopPromptlyWhenCancelled_data()
{
    QTest::addColumn<bool>("afterFirstChunk");
    QTest::newRow("immediately") << false;
    QTest::newRow("after the first chunk") << true;
}

void ScannerTest::shouldStopPromptlyWhenCancelled()
{
    QFETCH(bool, afterFirstChunk);
    CacheScanner::Options options;
    options.gomodcache = m_synthetic;
    options.flushIntervalMs = 1;

    // For scale: a scanner that ignores the cancel finishes about a full scan after it.
    QElapsedTimer fullTimer;
    fullTimer.start();
    const ScanResult whole = scan(m_synthetic);
    const qint64 fullMs = fullTimer.elapsed();
    QCOMPARE(whole.versions.size(), m_syntheticVersions);
    const qint64 allowedMs = fullMs / 2;

    QFutureWatcher<ScanChunk> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcher<ScanChunk>::finished);
    QSignalSpy ready(&watcher, &QFutureWatcher<ScanChunk>::resultReadyAt);
    QFuture<ScanChunk> future = CacheScanner::start(options);
    watcher.setFuture(future);
    if (afterFirstChunk) {
        // Only the worker decides when a chunk goes out; wait for one, then cancel.
        QVERIFY(ready.wait(60000));
        QVERIFY2(!future.isFinished(),
                 "the scan finished before it could be cancelled: fixture too small");
    }
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    future.cancel();
    QVERIFY(finished.count() == 1 || finished.wait(30000));
    const qint64 finishedAfterMs = sinceCancel.elapsed();
    QVERIFY(future.isCanceled());
    QVERIFY(future.isFinished());
    QVERIFY2(finishedAfterMs <= allowedMs,
             qPrintable(
                 u"finished %1 ms after the cancel; a whole scan takes %2 ms"_s.arg(finishedAfterMs)
                     .arg(fullMs)));
    // The workers stop too, not just the future.
    QTRY_VERIFY_WITH_TIMEOUT(CorePool::instance()->activeThreadCount() == 0,
                             int(std::max<qint64>(allowedMs, 100)));

    // No full result slipped through after the cancel.
    int delivered = 0;
    for (int i = 0; i < future.resultCount(); ++i)
        delivered += int(future.resultAt(i).versions.size());
    QVERIFY2(delivered < m_syntheticVersions,
             qPrintable(u"%1 versions delivered"_s.arg(delivered)));

    // A new scan after a cancelled one is complete.
    const ScanResult again = scan(m_synthetic);
    QCOMPARE(again.versions.size(), m_syntheticVersions);
    QVERIFY(!again.cancelled);
    qInfo("full scan %lld ms, cancelled scan finished %lld ms after cancel()", fullMs,
          finishedAfterMs);
}

QTEST_GUILESS_MAIN(ScannerTest)
#include "tst_scanner.moc"
