// SPDX-License-Identifier: GPL-3.0-or-later
// proxy compare: two loopback mirrors serving the same proxy tree, one of them tampering with
// one zip and lacking one version: exactly those two are reported, the zip as a security
// finding naming both mirrors.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

#include "FixtureProxy.h"
#include "ModuleZip.h"
#include "ScratchDir.h"
#include "archive/Hash1.h"
#include "Subprocess.h"
#include "proxy/ProxyCompare.h"
#include "proxytest/FileProxyServer.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

FixtureProxy::Files filesOf(const QString &path, const QByteArray &extra = {})
{
    return {{u"go.mod"_s, FixtureProxy::goMod(path)},
            {u"x.go"_s, "package x\n\nconst X = 1\n" + extra}};
}

} // namespace

class TestProxyCompare : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<FileProxyServer> m_good;
    std::unique_ptr<FileProxyServer> m_evil;
    const QList<ProxyCompare::Version> m_versions = {{u"example.com/m"_s, u"v1.0.0"_s},
                                                     {u"example.com/m"_s, u"v1.1.0"_s},
                                                     {u"example.com/n"_s, u"v1.0.0"_s},
                                                     {u"example.com/n"_s, u"v1.2.0"_s}};

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_proxycompare"_s);
        QVERIFY(m_scratch->isValid());
        const QString root = m_scratch->mkpath(u"proxy"_s);
        FixtureProxy proxy(root);
        for (const ProxyCompare::Version &v : m_versions)
            QVERIFY(proxy.addModule(v.path, v.version, filesOf(v.path)));
        // The evil mirror serves the same tree, but another (valid) zip for m@v1.1.0 and
        // nothing of n@v1.2.0.
        const QString evilZip = m_scratch->filePath(u"evil.zip"_s);
        QVERIFY(ModuleZip::write(evilZip, u"example.com/m"_s, u"v1.1.0"_s,
                                 filesOf(u"example.com/m"_s, "// backdoor\n")));
        QFile zip(evilZip);
        QVERIFY(zip.open(QIODevice::ReadOnly));
        m_good = std::make_unique<FileProxyServer>(root);
        m_evil = std::make_unique<FileProxyServer>(root);
        QVERIFY(m_good->listening() && m_evil->listening());
        m_evil->setFault("example.com/m/@v/v1.1.0.zip", {0, zip.readAll()});
        m_evil->setFault("example.com/n/@v/v1.2.0", {404, "not found"});
        m_evil->setFault("example.com/n/@v/list", {0, "v1.0.0\n"});
    }

    void cleanupTestCase()
    {
        m_good.reset();
        m_evil.reset();
        m_scratch.reset();
    }

    void shouldReportExactlyTheTamperedZipAndTheMissingVersion()
    {
        ProxyCompare::Options o;
        o.proxies = {m_good->url(), m_evil->url()};
        o.versions = m_versions;
        o.scratchDir = m_scratch->path();
        const ProxyCompare::Report r = ProxyCompare::run(o);
        QVERIFY(!r.error.isError());
        QStringList got;
        for (const ProxyCompare::Finding &f : r.findings)
            got << ProxyCompare::toString(f.kind) + u' ' + f.path + u'@' + f.version + u' ' + f.what
                       + u' ' + f.proxyA + u' ' + f.proxyB;
        got.sort();
        const QStringList expected = {
            u"different-hash example.com/m@v1.1.0 zip "_s + m_evil->url() + u' ' + m_good->url(),
            u"missing-version example.com/n@v1.2.0  "_s + m_evil->url() + u' ' + m_good->url(),
        };
        QCOMPARE(got, expected);
        for (const ProxyCompare::Finding &f : r.findings) {
            QCOMPARE(f.security(), f.kind == ProxyCompare::Finding::Kind::DifferentHash);
            if (f.security()) {
                QVERIFY(f.message.contains(m_good->url()) && f.message.contains(m_evil->url()));
                QVERIFY(f.valueA.startsWith(u"h1:"_s) && f.valueB.startsWith(u"h1:"_s));
                QVERIFY(f.valueA != f.valueB);
            }
        }
        // Every version got an answer from both, and the rows say what each served.
        QCOMPARE(r.rows.size(), m_versions.size());
        for (const ProxyCompare::Row &row : r.rows) {
            QVERIFY(row.answers[0].present);
            QCOMPARE(row.answers[1].present, row.id() != u"example.com/n@v1.2.0"_s);
        }
    }

    void shouldLetTheChecksumDatabaseNameTheMirrorAtFault()
    {
        // What the database lists: the honest tree's hashes.
        const QString root = m_scratch->path() + u"/proxy"_s;
        QHash<QString, std::pair<QString, QString>> listed;
        for (const ProxyCompare::Version &v : m_versions) {
            const QString base = root + u'/' + v.path + u"/@v/"_s + v.version;
            QFile mod(base + u".mod"_s);
            QVERIFY(mod.open(QIODevice::ReadOnly));
            listed.insert(v.id(), {Hash1::hashZip(base + u".zip"_s).value(),
                                   Hash1::hashGoMod(mod.readAll())});
        }
        ProxyCompare::Options o;
        // The tampering mirror first: judged pairwise, the honest one would look odd.
        o.proxies = {m_evil->url(), m_good->url()};
        o.versions = m_versions;
        o.checksumDbName = u"sumdb.example.test"_s;
        o.checksumDb = [&listed](const QString &path, const QString &version)
            -> Expected<std::pair<QString, QString>> { return listed.value(path + u'@' + version); };
        const ProxyCompare::Report r = ProxyCompare::run(o);
        QStringList got;
        for (const ProxyCompare::Finding &f : r.findings)
            got << ProxyCompare::toString(f.kind) + u' ' + f.path + u'@' + f.version + u' ' + f.what
                       + u' ' + f.proxyA + u' ' + f.proxyB;
        got.sort();
        QCOMPARE(got, (QStringList{u"different-hash example.com/m@v1.1.0 zip "_s + m_evil->url()
                                       + u" checksum database sumdb.example.test"_s,
                                   u"missing-version example.com/n@v1.2.0  "_s + m_evil->url()
                                       + u' ' + m_good->url()}));
        for (const ProxyCompare::Finding &f : r.findings)
            if (f.security()) {
                QVERIFY(f.byChecksumDb);
                QCOMPARE(f.valueB, listed.value(u"example.com/m@v1.1.0"_s).first);
            }
    }

    void shouldFindNothingBetweenTwoHonestMirrors()
    {
        FileProxyServer other(m_scratch->path() + u"/proxy"_s);
        ProxyCompare::Options o;
        o.proxies = {m_good->url(), other.url()};
        o.versions = m_versions;
        const ProxyCompare::Report r = ProxyCompare::run(o);
        QVERIFY(!r.error.isError());
        QVERIFY(r.findings.isEmpty());
        // Same tree from a file:// URL agrees too.
        o.proxies = {m_good->url(), QUrl::fromLocalFile(m_scratch->path() + u"/proxy"_s).toString()};
        QVERIFY(ProxyCompare::run(o).findings.isEmpty());
    }

    void shouldPrintTheFindingsAsJson()
    {
        QProcessEnvironment env;
        env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        env.insert(u"HOME"_s, m_scratch->path());
        env.insert(u"XDG_CONFIG_HOME"_s, m_scratch->path() + u"/.config"_s);
        env.insert(u"GOENV"_s, u"off"_s);
        env.insert(u"GOSUMDB"_s, u"off"_s); // loopback only: no checksum database
        const ProcessResult p = Subprocess::run(
            QStringLiteral(MODKEEPER_CLI),
            {u"proxy"_s, u"compare"_s, u"--json"_s, u"--proxies"_s,
             m_good->url() + u',' + m_evil->url(), u"example.com/m@v1.0.0"_s,
             u"example.com/m@v1.1.0"_s, u"example.com/n@v1.0.0"_s, u"example.com/n@v1.2.0"_s},
            env);
        QCOMPARE(p.exitCode, 1);
        const QJsonObject doc = QJsonDocument::fromJson(p.stdOut).object();
        QCOMPARE(doc[u"security"_s].toInt(), 1);
        const QJsonArray findings = doc[u"findings"_s].toArray();
        QCOMPARE(findings.size(), 2);
        QStringList kinds;
        for (const QJsonValue &f : findings)
            kinds << f[u"kind"_s].toString() + u' ' + f[u"path"_s].toString() + u'@'
                         + f[u"version"_s].toString();
        kinds.sort();
        QCOMPARE(kinds, (QStringList{u"different-hash example.com/m@v1.1.0"_s,
                                     u"missing-version example.com/n@v1.2.0"_s}));
        QCOMPARE(doc[u"versions"_s].toArray().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestProxyCompare)
#include "tst_proxycompare.moc"
