// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli export, import and proxy compare: usage errors, exit codes and the --json shapes.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include "FixtureProxy.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "download/DownloadJob.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

/// The keys, without the optional "notes" (what was checked, in words).
QStringList keysOf(const QJsonObject &o)
{
    QStringList k = o.keys();
    k.removeAll(u"notes"_s);
    k.sort();
    return k;
}

} // namespace

class TestCliBundle : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    QString m_proxy;
    QString m_cache;

    [[nodiscard]] QProcessEnvironment env(const QString &cache) const
    {
        QProcessEnvironment e;
        e.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        e.insert(u"HOME"_s, m_scratch->path());
        e.insert(u"XDG_CONFIG_HOME"_s, m_scratch->path() + u"/.config"_s);
        e.insert(u"TMPDIR"_s, m_scratch->path());
        e.insert(u"GOENV"_s, u"off"_s);
        e.insert(u"GOSUMDB"_s, u"off"_s);
        e.insert(u"GOPROXY"_s, u"off"_s);
        e.insert(u"GOTOOLCHAIN"_s, u"local"_s);
        e.insert(u"GOMODCACHE"_s, cache);
        return e;
    }
    [[nodiscard]] ProcessResult cli(const QStringList &args, const QString &cache = {}) const
    {
        return Subprocess::run(QStringLiteral(MODKEEPER_CLI), args,
                               env(cache.isEmpty() ? m_cache : cache));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cli_bundle"_s);
        QVERIFY(m_scratch->isValid());
        m_proxy = m_scratch->mkpath(u"proxy"_s);
        FixtureProxy proxy(m_proxy);
        QList<DownloadRequest> requests;
        for (const QString &v : {u"v1.0.0"_s, u"v1.1.0"_s}) {
            QVERIFY(proxy.addModule(u"example.com/m"_s, v,
                                    {{u"go.mod"_s, FixtureProxy::goMod(u"example.com/m"_s)},
                                     {u"m.go"_s, "package m\n"}}));
            requests.append({u"example.com/m"_s, v});
        }
        m_cache = m_scratch->filePath(u"cache"_s);
        DownloadOptions o;
        o.gomodcache = m_cache;
        o.goproxy = proxy.url();
        for (const DownloadResult &r : DownloadJob::run(o, requests))
            QVERIFY(r.outcome == DownloadOutcome::Downloaded);
    }

    void cleanupTestCase() { m_scratch.reset(); }

    void shouldRejectBadUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("export without --to") << QStringList{u"export"_s, u"example.com/m"_s} << 2
                                             << u"--to DIR"_s;
        QTest::newRow("export with both") << QStringList{u"export"_s, u"--to"_s, u"/tmp/x"_s,
                                                         u"--root"_s, u"/tmp"_s, u"example.com/m"_s}
                                          << 2 << u"either PATTERN"_s;
        QTest::newRow("export bad pattern") << QStringList{u"export"_s, u"--to"_s, u"/tmp/x"_s, u"[x"_s}
                                            << 2 << u"[x"_s;
        QTest::newRow("import nothing") << QStringList{u"import"_s} << 2 << u"name one tree"_s;
        QTest::newRow("compare one mirror")
            << QStringList{u"proxy"_s, u"compare"_s, u"--proxies"_s, u"file:///tmp"_s, u"example.com/m"_s}
            << 2 << u"at least two"_s;
        QTest::newRow("compare nothing")
            << QStringList{u"proxy"_s, u"compare"_s, u"--proxies"_s, u"file:///a,file:///b"_s} << 2
            << u"PATTERN"_s;
    }
    void shouldRejectBadUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const ProcessResult r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(message), qPrintable(r.describe()));
    }

    void shouldPrintTheExportAndImportJson()
    {
        const QString tree = m_scratch->filePath(u"tree"_s);
        ProcessResult r = cli({u"export"_s, u"--json"_s, u"--to"_s, tree, u"example.com/m"_s,
                               u"example.com/nothing"_s});
        QCOMPARE(r.exitCode, 1); // one pattern matched nothing
        QJsonObject doc = QJsonDocument::fromJson(r.stdOut).object();
        QVERIFY(doc.contains(u"notes"_s));
        QCOMPARE(keysOf(doc), (QStringList{u"error"_s, u"failed"_s, u"modules"_s,
                                           u"sumdbFiles"_s, u"target"_s, u"unmatched"_s,
                                           u"versions"_s}));
        QCOMPARE(doc[u"unmatched"_s].toArray().first().toString(), u"example.com/nothing"_s);
        QCOMPARE(doc[u"modules"_s].toInt(), 1);
        QCOMPARE(doc[u"failed"_s].toInt(), 0);
        const QJsonArray versions = doc[u"versions"_s].toArray();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(keysOf(versions.first().toObject()),
                 (QStringList{u"bytes"_s, u"goModSum"_s, u"ok"_s, u"path"_s, u"sum"_s,
                              u"unchanged"_s, u"version"_s, u"zip"_s}));
        QVERIFY(versions.first()[u"sum"_s].toString().startsWith(u"h1:"_s));

        // --sumdb with GOSUMDB=off has nothing to export.
        r = cli({u"export"_s, u"--sumdb"_s, u"--to"_s, tree, u"example.com/m"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.stdErr.contains("GOSUMDB is off"), qPrintable(r.describe()));

        const QString other = m_scratch->filePath(u"other"_s);
        r = cli({u"import"_s, u"--json"_s, tree}, other);
        QCOMPARE(r.exitCode, 0);
        doc = QJsonDocument::fromJson(r.stdOut).object();
        QCOMPARE(keysOf(doc), (QStringList{u"failed"_s, u"skipped"_s, u"source"_s, u"versions"_s}));
        const QJsonArray imported = doc[u"versions"_s].toArray();
        QCOMPARE(imported.size(), 2);
        QCOMPARE(keysOf(imported.first().toObject()),
                 (QStringList{u"goModSum"_s, u"ok"_s, u"outcome"_s, u"path"_s, u"sum"_s,
                              u"version"_s}));
        QCOMPARE(imported.first()[u"outcome"_s].toString(), u"downloaded"_s);
        QCOMPARE(imported.first()[u"sum"_s].toString(), versions.first()[u"sum"_s].toString());

        // A folder that is no GOPROXY tree.
        r = cli({u"import"_s, u"--json"_s, m_scratch->mkpath(u"empty"_s)}, other);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(QJsonDocument::fromJson(r.stdOut).object()[u"error"_s].toString().contains(
            u"no module zip"_s));
    }

    void shouldPrintTheComparisonJson()
    {
        const QString a = QUrl::fromLocalFile(m_proxy).toString();
        const QString b = QUrl::fromLocalFile(m_cache + u"/cache/download"_s).toString();
        const ProcessResult r = cli({u"proxy"_s, u"compare"_s, u"--json"_s, u"--proxies"_s,
                                     a + u',' + b, u"example.com/m"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe() + QString::fromUtf8(r.stdOut)));
        const QJsonObject doc = QJsonDocument::fromJson(r.stdOut).object();
        QCOMPARE(keysOf(doc),
                 (QStringList{u"findings"_s, u"proxies"_s, u"security"_s, u"versions"_s}));
        QCOMPARE(doc[u"findings"_s].toArray().size(), 0);
        const QJsonArray versions = doc[u"versions"_s].toArray();
        QCOMPARE(versions.size(), 2);
        const QJsonArray answers = versions.first()[u"answers"_s].toArray();
        QCOMPARE(answers.size(), 2);
        QCOMPARE(keysOf(answers.first().toObject()),
                 (QStringList{u"goModSum"_s, u"present"_s, u"proxy"_s, u"sum"_s}));
        QCOMPARE(answers[0][u"sum"_s], answers[1][u"sum"_s]);
    }
};

QTEST_GUILESS_MAIN(TestCliBundle)
#include "tst_cli_bundle.moc"
