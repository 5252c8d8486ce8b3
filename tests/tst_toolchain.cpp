// SPDX-License-Identifier: GPL-3.0-or-later
// Go toolchains in the module cache, with the REAL go 1.23: it downloads a stand-in toolchain
// (helpers/ToolchainFixture.h) from a file:// proxy when GOTOOLCHAIN asks for it, and that is
// the layout ToolchainLister lists and ToolchainRemover removes. Also the name and go.mod
// toolchain-line rules against go's own (gover.GoModLookup, select.go).
#include <QDirIterator>
#include <QTest>

#include "DuRunner.h"
#include "helpers/ToolchainFixture.h"
#include "project/ToolchainLine.h"
#include "toolchain/ToolchainName.h"
#include "toolchain/ToolchainRemover.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::toolchain;

namespace {

/// Every path below dir with its size and mode: "nothing changed" means this is equal.
QStringList snapshot(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        out << fi.filePath() + u' ' + QString::number(fi.size()) + u' '
                   + QString::number(int(fi.permissions()), 16);
    }
    out.sort();
    return out;
}

} // namespace

class TestToolchain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nameFromModuleVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("toolchain");
        QTest::addColumn<QString>("goos");
        QTest::addColumn<QString>("goarch");
        QTest::newRow("release") << u"v0.0.1-go1.22.5.linux-amd64"_s << u"go1.22.5"_s << u"linux"_s
                                 << u"amd64"_s;
        QTest::newRow("rc") << u"v0.0.1-go1.21rc2.darwin-arm64"_s << u"go1.21rc2"_s << u"darwin"_s
                            << u"arm64"_s;
        QTest::newRow("not a toolchain") << u"v1.0.0"_s << QString() << QString() << QString();
        QTest::newRow("no platform") << u"v0.0.1-go1.22.5"_s << QString() << QString() << QString();
    }
    void nameFromModuleVersion()
    {
        QFETCH(QString, version);
        QFETCH(QString, toolchain);
        QFETCH(QString, goos);
        QFETCH(QString, goarch);
        const std::optional<ToolchainName> n = ToolchainName::fromModuleVersion(version);
        QCOMPARE(n.has_value(), !toolchain.isEmpty());
        if (!n)
            return;
        QCOMPARE(n->toolchain, toolchain);
        QCOMPARE(n->goos, goos);
        QCOMPARE(n->goarch, goarch);
        QCOMPARE(n->moduleVersion(), version);
    }

    void toolchainLineLookup_data()
    {
        QTest::addColumn<QByteArray>("gomod");
        QTest::addColumn<QString>("toolchain");
        QTest::newRow("plain") << QByteArray("module m\n\ngo 1.21\n\ntoolchain go1.22.5\n")
                               << u"go1.22.5"_s;
        QTest::newRow("comment and tab")
            << QByteArray("module m\n  toolchain\tgo1.22.5 // pinned\r\n") << u"go1.22.5"_s;
        QTest::newRow("first wins")
            << QByteArray("toolchain go1.22.5\ntoolchain go1.23.0\n") << u"go1.22.5"_s;
        QTest::newRow("other key") << QByteArray("toolchainx go1.22.5\n") << QString();
        QTest::newRow("none") << QByteArray("module m\ngo 1.21\n") << QString();
    }
    void toolchainLineLookup()
    {
        QFETCH(QByteArray, gomod);
        QFETCH(QString, toolchain);
        QCOMPARE(ToolchainLine::lookup(gomod, u"toolchain"_s), toolchain);
    }

    /// go downloads the toolchain; the listing finds it with its version, size, times and
    /// running = true while GOTOOLCHAIN selects it.
    void listsWhatGoDownloaded()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        const ProcessResult go = fx.goroot();
        QVERIFY2(go.succeeded(), qPrintable(go.describe()));
        QCOMPARE(QString::fromUtf8(go.stdOut).trimmed(), fx.treeDir());
        QVERIFY(QFileInfo::exists(fx.downloadDir() + u'/' + fx.moduleVersion() + u".ziphash"_s));

        const ToolchainListing l = ToolchainLister::run(fx.listOptions(kToolchain));
        QVERIFY2(!l.error.isError(), qPrintable(l.error.toString()));
        QVERIFY2(!l.runningError.isError(), qPrintable(l.runningError.toString()));
        QCOMPARE(l.toolchains.size(), 1);
        const ToolchainRecord &t = l.toolchains.first();
        QCOMPARE(t.name.toolchain, kToolchain);
        QCOMPARE(t.name.goos + u'-' + t.name.goarch, ToolchainLister::hostPlatform());
        QCOMPARE(t.module.path, u"golang.org/toolchain"_s);
        QCOMPARE(t.module.version, fx.moduleVersion());
        QCOMPARE(t.treePath, fx.treeDir());
        QCOMPARE(toString(t.module.state), toString(VersionState::Complete));
        const Expected<quint64> du = DuRunner::total(fx.filesOf());
        QVERIFY(du.ok());
        QCOMPARE(t.module.diskBytes, du.value());
        const Expected<quint64> treeDu = DuRunner::summary(fx.treeDir());
        QVERIFY(treeDu.ok());
        QCOMPARE(t.module.treeBytes, treeDu.value());
        QCOMPARE(t.module.files, DuRunner::nonDirectoryEntries(fx.treeDir()).value());
        QVERIFY(t.module.downloaded.isValid());
        QVERIFY(t.module.ageReference().isValid());
        QVERIFY(t.running);
        QCOMPARE(l.runningGoroot, QFileInfo(fx.treeDir()).canonicalFilePath());
        QVERIFY(t.neededBy.isEmpty());
        QCOMPARE(l.find(kToolchain), &l.toolchains.first());
        QCOMPARE(l.find(fx.moduleVersion()), &l.toolchains.first());
        QVERIFY(!l.find(u"go1.23.98"_s));
    }

    /// The running flag follows what go would run: GOTOOLCHAIN=local runs the local go 1.23,
    /// and a GOTOOLCHAIN written in the go env file (GOENV) selects the toolchain.
    void runningFollowsGoToolchain()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY2(fx.goroot().succeeded(), qPrintable(fx.goroot().describe()));

        const ToolchainListing local = ToolchainLister::run(fx.listOptions(u"local"_s));
        QCOMPARE(local.toolchains.size(), 1);
        QVERIFY(!local.toolchains.first().running);
        QCOMPARE(
            local.runningGoroot,
            QFileInfo(QFileInfo(GoTool::go123()).absolutePath() + u"/.."_s).canonicalFilePath());

        fx.writeGoEnvFile("GOTOOLCHAIN=" + kToolchain.toUtf8() + "\n");
        const ToolchainListing fromFile = ToolchainLister::run(fx.listOptions(QString()));
        QCOMPARE(fromFile.toolchains.size(), 1);
        QVERIFY2(fromFile.toolchains.first().running, qPrintable(fromFile.runningGoroot));

        ToolchainLister::Options noGo = fx.listOptions(kToolchain);
        noGo.askGo = false;
        const ToolchainListing unasked = ToolchainLister::run(noGo);
        QVERIFY(!unasked.toolchains.first().running);
    }

    /// neededBy lists the go.mod/go.work files whose toolchain line names the toolchain; vendor,
    /// hidden and node_modules folders and other toolchains do not count.
    void neededByFollowsToolchainLines()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const QString needs = fx.writeProject(u"app"_s, kToolchain);
        fx.writeProject(u"other"_s, u"go1.22.0"_s);
        fx.writeProject(u"plain"_s, QString());
        fx.writeProject(u"app/vendor/dep"_s, kToolchain);
        fx.writeProject(u".hidden"_s, kToolchain);
        fx.writeProject(u"web/node_modules/x"_s, kToolchain);
        QFile work(fx.projects() + u"/go.work"_s);
        QVERIFY(work.open(QIODevice::WriteOnly));
        work.write("go 1.21\n\ntoolchain " + kToolchain.toUtf8() + "\n\nuse ./app\n");
        work.close();

        const ToolchainListing l
            = ToolchainLister::run(fx.listOptions(u"local"_s, {fx.projects()}));
        QCOMPARE(l.toolchains.size(), 1);
        QStringList needed = l.toolchains.first().neededBy;
        needed.sort();
        QStringList expected{needs, fx.projects() + u"/go.work"_s};
        expected.sort();
        QCOMPARE(needed, expected);

        const ToolchainListing elsewhere
            = ToolchainLister::run(fx.listOptions(u"local"_s, {fx.projects() + u"/other"_s}));
        QVERIFY(elsewhere.toolchains.first().neededBy.isEmpty());
    }

    /// The running toolchain is never removed, forced or not, and the cache stays as it was.
    void removeRefusesTheRunningOne()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const QStringList before = snapshot(fx.gomodcache());
        for (const bool force : {false, true}) {
            ToolchainRemover::Options o;
            o.listing = fx.listOptions(kToolchain);
            o.force = force;
            const ToolchainRemoval r = ToolchainRemover::run(o, {kToolchain});
            QCOMPARE(r.error.code, Error::Code::Refused);
            QVERIFY2(r.error.toString().contains(kToolchain), qPrintable(r.error.toString()));
            QVERIFY2(r.error.message.contains(u"runs here"_s), qPrintable(r.error.toString()));
            QVERIFY(r.results.isEmpty());
        }
        QCOMPARE(snapshot(fx.gomodcache()), before);
    }

    /// A toolchain a project's toolchain line names is kept unless forced.
    void removeRefusesANeededOneUnlessForced()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const QString gomod = fx.writeProject(u"app"_s, kToolchain);
        const QStringList before = snapshot(fx.gomodcache());
        ToolchainRemover::Options o;
        o.listing = fx.listOptions(u"local"_s, {fx.projects()});
        const ToolchainRemoval refused = ToolchainRemover::run(o, {kToolchain});
        QCOMPARE(refused.error.code, Error::Code::Refused);
        QVERIFY2(refused.error.message.contains(gomod), qPrintable(refused.error.toString()));
        QCOMPARE(snapshot(fx.gomodcache()), before);

        o.force = true;
        const ToolchainRemoval forced = ToolchainRemover::run(o, {kToolchain});
        QVERIFY2(!forced.error.isError(), qPrintable(forced.error.toString()));
        QCOMPARE(forced.results.size(), 1);
        QCOMPARE(toString(forced.results.first().outcome), toString(PurgeOutcome::Removed));
        QVERIFY(!QFileInfo::exists(fx.treeDir()));
    }

    /// A dry run plans, removes nothing; the real run removes tree and files (go's lock file
    /// stays, as for every purge), empties the trash, and go downloads it again afterwards.
    void removesANonRunningOneCompletely()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const quint64 size = DuRunner::total(fx.filesOf()).value();

        ToolchainRemover::Options o;
        o.listing = fx.listOptions(u"local"_s);
        o.dryRun = true;
        const QStringList before = snapshot(fx.gomodcache());
        const ToolchainRemoval dry = ToolchainRemover::run(o, {fx.moduleVersion()});
        QVERIFY2(!dry.error.isError(), qPrintable(dry.error.toString()));
        QCOMPARE(dry.plan.items.size(), 1);
        QCOMPARE(dry.plan.bytes, size);
        QVERIFY(dry.results.isEmpty());
        QCOMPARE(snapshot(fx.gomodcache()), before);

        o.dryRun = false;
        const ToolchainRemoval r = ToolchainRemover::run(o, {kToolchain});
        QVERIFY2(!r.error.isError(), qPrintable(r.error.toString()));
        QCOMPARE(r.results.size(), 1);
        QCOMPARE(toString(r.results.first().outcome), toString(PurgeOutcome::Removed));
        QCOMPARE(r.results.first().version, fx.moduleVersion());
        QCOMPARE(r.results.first().bytes, size);
        QVERIFY(!QFileInfo::exists(fx.treeDir()));
        // What every purge leaves: go's lock file, and @v/list rewritten as go rewrites it.
        const QStringList left = QDir(fx.downloadDir()).entryList(QDir::Files);
        QCOMPARE(left, (QStringList{u"list"_s, fx.moduleVersion() + u".lock"_s}));
        QCOMPARE(QFileInfo(fx.downloadDir() + u"/list"_s).size(), 0);
        QVERIFY(r.reaped.bytesFreed > 0);
        const QString trash = fx.gomodcache() + u"/.modkeeper-trash"_s;
        QVERIFY(QDir(trash)
                    .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                    .isEmpty());
        QVERIFY(ToolchainLister::run(fx.listOptions(u"local"_s)).toolchains.isEmpty());

        const ProcessResult again = fx.goroot();
        QVERIFY2(again.succeeded(), qPrintable(again.describe()));
        QCOMPARE(QString::fromUtf8(again.stdOut).trimmed(), fx.treeDir());
        const ToolchainListing after = ToolchainLister::run(fx.listOptions(kToolchain));
        QCOMPARE(after.toolchains.size(), 1);
        QVERIFY(after.toolchains.first().running);
    }

    void removeNamesWhatIsMissing()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        ToolchainRemover::Options o;
        o.listing = fx.listOptions(u"local"_s);
        const ToolchainRemoval r = ToolchainRemover::run(o, {u"go1.23.98"_s});
        QCOMPARE(r.error.code, Error::Code::NotFound);
        QCOMPARE(r.error.subject, u"go1.23.98"_s);
        QVERIFY(QFileInfo::exists(fx.treeDir()));
    }
};

QTEST_GUILESS_MAIN(TestToolchain)
#include "tst_toolchain.moc"
