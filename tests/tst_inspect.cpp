// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane's core jobs (core/inspect) against a cache the real go wrote: one level of a
// version's tree with du's sizes, the go.sum lines exactly as go writes them into go.sum, the
// go.mod text and .info, no symlink followed or escape allowed, and no atime moved.
#include <memory>

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

#include "DuRunner.h"
#include "FileTimes.h"
#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "helpers/AtimeSnapshot.h"
#include "inspect/TreeLister.h"
#include "inspect/VersionMetadata.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

struct Mod
{
    QString path;
    QString version;
    QString escapedPath;
};

const QList<Mod> &modules()
{
    static const QList<Mod> mods{
        {u"example.com/inspect"_s, u"v1.2.0"_s, u"example.com/inspect"_s},
        {u"example.com/Upper/lib"_s, u"v0.3.1"_s, u"example.com/!upper/lib"_s},
    };
    return mods;
}

GoEnvInputs inputsFor(const QString &proxyUrl)
{
    QHash<QString, QString> env{{u"GOENV"_s, u"off"_s},
                                {u"GOPROXY"_s, proxyUrl},
                                {u"GOPRIVATE"_s, u"example.com/Upper"_s},
                                {u"HOME"_s, QDir::tempPath()}};
    return GoEnvInputs::fromEnvironment(env);
}

VersionMetadata::Request requestFor(const QString &cache, const Mod &m)
{
    return {cache, m.path, m.version, m.escapedPath, m.version};
}

} // namespace

class TestInspect final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<FixtureProxy> m_proxy;
    QString m_cache;
    QStringList m_goSum; ///< the go.sum the real go wrote

    // Every directory of the version's tree, listed level by level as the pane does.
    void checkLevel(const Mod &m, const QString &rel, int *checked)
    {
        const QString base = m_cache + u'/' + m.escapedPath + u'@' + m.version;
        const QString dirPath = rel.isEmpty() ? base : base + u'/' + rel;
        const TreeListing listing = TreeLister::list(m_cache, m.escapedPath, m.version, rel);
        QVERIFY2(!listing.error.isError(), qPrintable(listing.error.toString()));
        QStringList expected = QDir(dirPath).entryList(QDir::AllEntries | QDir::NoDotAndDotDot
                                                       | QDir::Hidden | QDir::System);
        QStringList got;
        for (const TreeEntry &e : listing.entries)
            got << e.name;
        expected.sort();
        got.sort();
        QCOMPARE(got, expected);
        for (const TreeEntry &e : listing.entries) {
            const QString p = dirPath + u'/' + e.name;
            const Expected<quint64> du = DuRunner::summary(p);
            QVERIFY2(du, du ? "" : qPrintable(du.error().toString()));
            QVERIFY2(e.diskBytes == *du,
                     qPrintable(u"%1: %2 != du %3"_s.arg(p).arg(e.diskBytes).arg(*du)));
            const Expected<quint64> apparent = DuRunner::summary(p, DuRunner::Measure::Apparent);
            QVERIFY(apparent);
            QCOMPARE(e.apparentBytes, *apparent);
            const Expected<quint64> files = DuRunner::nonDirectoryEntries(p);
            QVERIFY(files);
            QCOMPARE(e.files, *files);
            ++*checked;
            if (e.kind == TreeEntry::Kind::Directory) {
                checkLevel(m, rel.isEmpty() ? e.name : rel + u'/' + e.name, checked);
                if (QTest::currentTestFailed())
                    return;
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_inspect"_s);
        QVERIFY(m_scratch->isValid());
        m_proxy = std::make_unique<FixtureProxy>(m_scratch->mkpath(u"proxy"_s));
        for (const Mod &m : modules()) {
            const Status st = m_proxy->addModule(
                m.path, m.version, FixtureProxy::generatedFiles(m.path, 25, 7, 100, 30000));
            QVERIFY2(st, qPrintable(st.error().toString()));
        }
        m_cache = m_scratch->filePath(u"gomodcache"_s);
        const QString home = m_scratch->mkpath(u"home"_s);
        const QString work = m_scratch->mkpath(u"consumer"_s);
        const QString go = GoTool::go123();
        const QProcessEnvironment env
            = GoTool::isolatedEnvironment(go, home, m_cache, m_proxy->url());
        QFile mod(work + u"/go.mod"_s);
        QVERIFY(mod.open(QIODevice::WriteOnly));
        mod.write("module example.com/consumer\n\ngo 1.16\n");
        mod.close();
        QStringList args{u"get"_s};
        for (const Mod &m : modules())
            args << m.path + u'@' + m.version;
        const ProcessResult r = GoTool::run(go, args, env, work);
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QFile sum(work + u"/go.sum"_s);
        QVERIFY(sum.open(QIODevice::ReadOnly));
        m_goSum = QString::fromUtf8(sum.readAll()).split(u'\n', Qt::SkipEmptyParts);
        QVERIFY2(m_goSum.size() == 2 * modules().size(), qPrintable(m_goSum.join(u'\n')));
    }

    void cleanupTestCase()
    {
        m_proxy.reset();
        m_scratch.reset();
    }

    void shouldListEveryLevelWithDuSizes()
    {
        for (const Mod &m : modules()) {
            int checked = 0;
            checkLevel(m, {}, &checked);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(checked > 25, qPrintable(QString::number(checked)));
        }
    }

    void shouldWriteTheGoSumLinesGoWrites()
    {
        for (const Mod &m : modules()) {
            const VersionDetails d
                = VersionMetadata::read(requestFor(m_cache, m), inputsFor(m_proxy->url()));
            QStringList expected;
            for (const QString &line : std::as_const(m_goSum)) {
                if (line.startsWith(m.path + u' ' + m.version + u' ')
                    || line.startsWith(m.path + u' ' + m.version + u"/go.mod "_s))
                    expected << line;
            }
            QCOMPARE(expected.size(), 2);
            QCOMPARE(d.goSumLines, expected);
            QVERIFY(d.ziphash.startsWith(u"h1:"_s));
        }
    }

    void shouldReadGoModInfoAndWhere()
    {
        const Mod &m = modules().at(1);
        const VersionDetails d
            = VersionMetadata::read(requestFor(m_cache, m), inputsFor(m_proxy->url()));
        QVERIFY2(!d.goModError.isError(), qPrintable(d.goModError.toString()));
        QCOMPARE(d.goMod, FixtureProxy::goMod(m.path));
        QVERIFY(!d.goModTruncated);
        QVERIFY2(!d.infoError.isError(), qPrintable(d.infoError.toString()));
        QCOMPARE(d.infoVersion, m.version);
        QVERIFY2(!d.infoTime.isEmpty() && d.infoTime.endsWith(u'Z'), qPrintable(d.infoTime));
        // GOPRIVATE covers example.com/Upper: go fetches it directly, not from the proxy.
        QVERIFY2(d.where.contains(u"GOPRIVATE"_s), qPrintable(d.where));
        QVERIFY2(!d.where.contains(m_proxy->url()), qPrintable(d.where));
        const VersionDetails viaProxy = VersionMetadata::read(requestFor(m_cache, modules().at(0)),
                                                              inputsFor(m_proxy->url()));
        QVERIFY2(viaProxy.where.contains(m_proxy->url()), qPrintable(viaProxy.where));
    }

    void shouldReportMissingFiles()
    {
        const VersionDetails d = VersionMetadata::read(
            {m_cache, u"example.com/gone"_s, u"v1.0.0"_s, u"example.com/gone"_s, u"v1.0.0"_s},
            inputsFor(m_proxy->url()));
        QVERIFY(d.goModError.isError());
        QVERIFY(d.infoError.isError());
        QVERIFY(d.goSumLines.isEmpty());
        QVERIFY(d.goMod.isEmpty());
    }

    void shouldNotFollowSymlinksOrLeaveTheCache()
    {
        ScratchDir work(u"tst_inspect-links"_s);
        const QString cache = work.mkpath(u"gomodcache"_s);
        const QString tree = work.mkpath(u"gomodcache/example.com/l@v1.0.0/sub"_s);
        QFile f(tree + u"/data.bin"_s);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(50000, 'x'));
        f.close();
        // A big target outside the cache, reached only through symlinks.
        const QString outside = work.mkpath(u"outside"_s);
        QFile big(outside + u"/big.bin"_s);
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(400000, 'y'));
        big.close();
        QVERIFY(QFile::link(outside, tree + u"/../linkdir"_s));
        QVERIFY(QFile::link(outside + u"/big.bin"_s, tree + u"/biglink"_s));
        QVERIFY(QFile::link(outside, cache + u"/example.com/s@v1.0.0"_s));

        const TreeListing root = TreeLister::list(cache, u"example.com/l"_s, u"v1.0.0"_s, {});
        QVERIFY2(!root.error.isError(), qPrintable(root.error.toString()));
        QCOMPARE(root.entries.size(), 2);
        QCOMPARE(root.entries.at(0).name, u"sub"_s); // directories first
        QCOMPARE(root.entries.at(1).name, u"linkdir"_s);
        QCOMPARE(root.entries.at(1).kind, TreeEntry::Kind::Symlink);
        const Expected<quint64> duSub = DuRunner::summary(tree);
        QVERIFY(duSub);
        QCOMPARE(root.entries.at(0).diskBytes, *duSub);
        QVERIFY(root.entries.at(0).diskBytes < 400000);
        const Expected<quint64> duLink = DuRunner::summary(tree + u"/../linkdir"_s);
        QVERIFY(duLink);
        QCOMPARE(root.entries.at(1).diskBytes, *duLink);

        // Through a symlinked directory, into a symlinked version, or out with "..": refused.
        QVERIFY(
            TreeLister::list(cache, u"example.com/l"_s, u"v1.0.0"_s, u"linkdir"_s).error.isError());
        QVERIFY(TreeLister::list(cache, u"example.com/s"_s, u"v1.0.0"_s, {}).error.isError());
        QVERIFY(TreeLister::list(cache, u"example.com/l"_s, u"v1.0.0"_s, u"../../.."_s)
                    .error.isError());
        QVERIFY(
            TreeLister::list(cache, u"example.com/l"_s, u"v1.0.0"_s, u"/tmp"_s).error.isError());
        QVERIFY(TreeLister::list(cache, u".."_s, u"v1.0.0"_s, {}).error.isError());
    }

    void shouldListOnThePool()
    {
        const Mod &m = modules().at(0);
        QFuture<TreeListing> f = TreeLister::start(m_cache, m.escapedPath, m.version, {});
        f.waitForFinished();
        QVERIFY(f.resultCount() == 1);
        QVERIFY(!f.result().entries.isEmpty());
        QFuture<VersionDetails> d
            = VersionMetadata::start(requestFor(m_cache, m), inputsFor(m_proxy->url()));
        d.waitForFinished();
        QCOMPARE(d.result().goSumLines.size(), 2);
    }

    // Looking at a version must not make it "recently used".
    void shouldNotMoveAtimes()
    {
        using namespace mk::test::atime;
        QVERIFY2(FileTimes::readsUpdateOldAtimes(m_scratch->path()),
                 "this filesystem does not update old atimes: the check would pass vacuously");
        QVERIFY(ageAll(m_cache));
        const Atimes before = snapshot(m_cache);
        QVERIFY(before.size() > 40);
        for (const Mod &m : modules()) {
            QList<QString> dirs{QString()};
            while (!dirs.isEmpty()) {
                const QString rel = dirs.takeFirst();
                const TreeListing l = TreeLister::list(m_cache, m.escapedPath, m.version, rel);
                QVERIFY(!l.error.isError());
                for (const TreeEntry &e : l.entries) {
                    if (e.kind == TreeEntry::Kind::Directory)
                        dirs << (rel.isEmpty() ? e.name : rel + u'/' + e.name);
                }
            }
            const VersionDetails d
                = VersionMetadata::read(requestFor(m_cache, m), inputsFor(m_proxy->url()));
            QCOMPARE(d.goSumLines.size(), 2);
        }
        const QStringList m = moved(before, snapshot(m_cache));
        QVERIFY2(m.isEmpty(), qPrintable(m.join(u", "_s)));

        // The harness can see a move: a plain read of a .mod file does move its atime.
        QFile plain(m_cache + u"/cache/download/example.com/inspect/@v/v1.2.0.mod"_s);
        QVERIFY(plain.open(QIODevice::ReadOnly));
        QVERIFY(!plain.readAll().isEmpty());
        plain.close();
        QCOMPARE(moved(before, snapshot(m_cache)).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestInspect)
#include "tst_inspect.moc"
