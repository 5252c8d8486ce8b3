// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli toolchains [remove], run as a subprocess over a module cache into which the
// REAL go 1.23 downloaded a stand-in toolchain (helpers/ToolchainFixture.h).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "DuRunner.h"
#include "Subprocess.h"
#include "helpers/ToolchainFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::toolchain;

namespace {

ProcessResult runCli(const QStringList &args, const QProcessEnvironment &env)
{
    return Subprocess::run(QStringLiteral(MODKEEPER_CLI), args, env);
}

QJsonObject jsonOf(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.stdOut).object();
}

} // namespace

class TestCliToolchains final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The judge: the real go 1.23 downloads the toolchain (this also labels the suite "go").
        QVERIFY(QFileInfo(GoTool::go123()).isExecutable());
    }

    void helpNamesTheOptions()
    {
        ToolchainFixture fx;
        const ProcessResult top = runCli({u"--help"_s}, fx.goEnv(u"local"_s));
        QVERIFY2(top.succeeded(), qPrintable(top.describe()));
        QVERIFY(QString::fromUtf8(top.stdOut).contains(u"  toolchains  "_s));
        const ProcessResult list = runCli({u"toolchains"_s, u"--help"_s}, fx.goEnv(u"local"_s));
        QVERIFY2(list.succeeded(), qPrintable(list.describe()));
        for (const QString &o : {u"--json"_s, u"--root"_s, u"--modcache"_s})
            QVERIFY2(QString::fromUtf8(list.stdOut).contains(o), qPrintable(o));
        const ProcessResult remove
            = runCli({u"toolchains"_s, u"remove"_s, u"--help"_s}, fx.goEnv(u"local"_s));
        QVERIFY2(remove.succeeded(), qPrintable(remove.describe()));
        for (const QString &o : {u"--dry-run"_s, u"--force"_s, u"--root"_s, u"VERSION"_s})
            QVERIFY2(QString::fromUtf8(remove.stdOut).contains(o), qPrintable(o));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("remove without VERSION") << QStringList{u"toolchains"_s, u"remove"_s};
        QTest::newRow("stray argument") << QStringList{u"toolchains"_s, u"go1.22.5"_s};
        QTest::newRow("unknown option") << QStringList{u"toolchains"_s, u"--bogus"_s};
        QTest::newRow("bad lock timeout")
            << QStringList{u"toolchains"_s, u"remove"_s, u"--lock-timeout"_s, u"x"_s, u"go1.2"_s};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        ToolchainFixture fx;
        const ProcessResult r = runCli(args, fx.goEnv(u"local"_s));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.stdOut.isEmpty());
        QVERIFY(r.stdErr.startsWith("modkeeper-cli toolchains"));
    }

    /// --json: the toolchain go downloaded, its du size, running while GOTOOLCHAIN selects it,
    /// and the project (below --root) whose toolchain line names it.
    void listsAsJson()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const QString gomod = fx.writeProject(u"app"_s, kToolchain);

        const ProcessResult r = runCli({u"toolchains"_s, u"--json"_s, u"--root"_s, fx.projects()},
                                       fx.goEnv(kToolchain));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject doc = jsonOf(r);
        QCOMPARE(doc.value(u"gomodcache"_s).toString(), fx.gomodcache());
        const QJsonArray list = doc.value(u"toolchains"_s).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject t = list.first().toObject();
        QCOMPARE(t.value(u"toolchain"_s).toString(), kToolchain);
        QCOMPARE(t.value(u"version"_s).toString(), fx.moduleVersion());
        QCOMPARE(t.value(u"path"_s).toString(), u"golang.org/toolchain"_s);
        QCOMPARE(t.value(u"dir"_s).toString(), fx.treeDir());
        QCOMPARE(quint64(t.value(u"diskBytes"_s).toInteger()),
                 DuRunner::total(fx.filesOf()).value());
        QVERIFY(t.value(u"running"_s).toBool());
        QCOMPARE(t.value(u"neededBy"_s).toArray(), QJsonArray{gomod});
        QVERIFY(!t.value(u"downloaded"_s).isNull());

        const ProcessResult local = runCli({u"toolchains"_s, u"--json"_s}, fx.goEnv(u"local"_s));
        QVERIFY2(local.succeeded(), qPrintable(local.describe()));
        const QJsonObject l = jsonOf(local).value(u"toolchains"_s).toArray().first().toObject();
        QVERIFY(!l.value(u"running"_s).toBool());
        QVERIFY(l.value(u"neededBy"_s).toArray().isEmpty());
    }

    void listsAsTable()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const ProcessResult r = runCli({u"toolchains"_s}, fx.goEnv(kToolchain));
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.stdOut);
        QVERIFY2(out.contains(kToolchain) && out.contains(u"running"_s)
                     && out.contains(u"1 toolchain, "_s),
                 qPrintable(out));

        ToolchainFixture empty;
        QDir().mkpath(empty.gomodcache());
        const ProcessResult none = runCli({u"toolchains"_s}, empty.goEnv(u"local"_s));
        QVERIFY2(none.succeeded(), qPrintable(none.describe()));
        QVERIFY(none.stdOut.startsWith("no Go toolchain in "));
    }

    /// The running toolchain: exit 1, stderr names it and why, nothing removed, even --force.
    void removeRefusesTheRunningOne()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const quint64 before = DuRunner::total(fx.filesOf()).value();
        for (const QStringList &extra : {QStringList{}, QStringList{u"--force"_s}}) {
            const ProcessResult r = runCli(QStringList{u"toolchains"_s, u"remove"_s} + extra
                                               + QStringList{kToolchain},
                                           fx.goEnv(kToolchain));
            QCOMPARE(r.exitCode, 1);
            const QString err = QString::fromUtf8(r.stdErr);
            QVERIFY2(err.startsWith(u"modkeeper-cli toolchains remove: "_s + kToolchain),
                     qPrintable(err));
            QVERIFY2(err.contains(u"runs here"_s), qPrintable(err));
        }
        QCOMPARE(DuRunner::total(fx.filesOf()).value(), before);
        QVERIFY(QFileInfo::exists(fx.treeDir() + u"/bin/go"_s));

        const ProcessResult json
            = runCli({u"toolchains"_s, u"remove"_s, u"--json"_s, kToolchain}, fx.goEnv(kToolchain));
        QCOMPARE(json.exitCode, 1);
        QVERIFY(jsonOf(json).value(u"error"_s).toString().contains(kToolchain));
    }

    /// Needed by a project: refused without --force, removed with it.
    void removeNeededNeedsForce()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const QString gomod = fx.writeProject(u"app"_s, kToolchain);
        const QStringList base{u"toolchains"_s, u"remove"_s, u"--root"_s, fx.projects()};
        const ProcessResult refused = runCli(base + QStringList{kToolchain}, fx.goEnv(u"local"_s));
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(QString::fromUtf8(refused.stdErr).contains(gomod), refused.stdErr.constData());
        QVERIFY(QFileInfo::exists(fx.treeDir()));
        const ProcessResult forced
            = runCli(base + QStringList{u"--force"_s, kToolchain}, fx.goEnv(u"local"_s));
        QVERIFY2(forced.succeeded(), qPrintable(forced.describe()));
        QVERIFY(!QFileInfo::exists(fx.treeDir()));
    }

    /// --dry-run lists and removes nothing; the real run removes it, and go gets it back.
    void removesANonRunningOne()
    {
        ToolchainFixture fx;
        QVERIFY(fx.publish().ok());
        QVERIFY(fx.goroot().succeeded());
        const quint64 size = DuRunner::total(fx.filesOf()).value();
        const ProcessResult dry = runCli(
            {u"toolchains"_s, u"remove"_s, u"--dry-run"_s, u"--json"_s, fx.moduleVersion()},
            fx.goEnv(u"local"_s));
        QVERIFY2(dry.succeeded(), qPrintable(dry.describe()));
        const QJsonObject d = jsonOf(dry);
        QVERIFY(d.value(u"dryRun"_s).toBool());
        QCOMPARE(d.value(u"toolchains"_s).toArray().size(), 1);
        QCOMPARE(quint64(d.value(u"bytes"_s).toInteger()), size);
        QCOMPARE(DuRunner::total(fx.filesOf()).value(), size);

        const ProcessResult real
            = runCli({u"toolchains"_s, u"remove"_s, kToolchain}, fx.goEnv(u"local"_s));
        QVERIFY2(real.succeeded(), qPrintable(real.describe()));
        const QString out = QString::fromUtf8(real.stdOut);
        QVERIFY2(out.contains(u"removed golang.org/toolchain@"_s + fx.moduleVersion())
                     && out.contains(u"1 toolchain, "_s),
                 qPrintable(out));
        QVERIFY(!QFileInfo::exists(fx.treeDir()));
        QVERIFY(!QFileInfo::exists(fx.downloadDir() + u'/' + fx.moduleVersion() + u".zip"_s));

        const ProcessResult unknown
            = runCli({u"toolchains"_s, u"remove"_s, kToolchain}, fx.goEnv(u"local"_s));
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.stdErr.contains("no such toolchain"), unknown.stdErr.constData());

        QVERIFY(fx.goroot().succeeded());
        QVERIFY(QFileInfo::exists(fx.treeDir() + u"/bin/go"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliToolchains)
#include "tst_cli_toolchains.moc"
