// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli projects / scan --root / purge --unused: the JSON shapes, the usage errors,
// and the dry run that changes nothing (real go 1.23, offline).
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "helpers/ProjectFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::projects;

class TestCliProjects : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    QString m_root;
    const QString m_go = GoTool::go123();

    QProcessEnvironment env(const QString &cache) const
    {
        QProcessEnvironment e = cliEnv(m_world->home(), cache);
        e.insert(u"PATH"_s, QFileInfo(m_go).path() + u":/usr/bin:/bin"_s);
        e.insert(u"GOSUMDB"_s, u"off"_s);
        e.insert(u"GOPROXY"_s, u"off"_s);
        e.insert(u"GOFLAGS"_s, u"-mod=mod"_s);
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cli_projects"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        QString error = m_world->build(graphVersions(), {m_go});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_root = m_scratch->path() + u"/projects"_s;
        error = writeProjects(*m_world, m_go, m_root, m_world->templateCache(m_go));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void shouldPrintProjectsAsJson()
    {
        const ProcessResult r = runCli({u"projects"_s, u"--json"_s, u"--root"_s, m_root},
                                       env(m_world->templateCache(m_go)));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray projects = jsonObject(r.stdOut)[u"projects"_s].toArray();
        QCOMPARE(projects.size(), 7);
        QJsonObject p2;
        for (const QJsonValue &v : projects) {
            QStringList keys = v.toObject().keys();
            keys.sort();
            QCOMPARE(keys, (QStringList{u"dir"_s, u"go"_s, u"missing"_s, u"module"_s, u"needs"_s,
                                        u"toolchain"_s}));
            for (const QJsonValue &n : v[u"needs"_s].toArray()) {
                QStringList nk = n.toObject().keys();
                nk.sort();
                QCOMPARE(nk, (QStringList{u"how"_s, u"path"_s, u"version"_s}));
                QVERIFY(n[u"how"_s] == u"code"_s || n[u"how"_s] == u"gomod"_s);
            }
            if (v[u"dir"_s].toString() == m_root + u"/p2"_s)
                p2 = v.toObject();
        }
        QCOMPARE(p2[u"module"_s].toString(), u"example.com/p2"_s);
        QCOMPARE(p2[u"go"_s].toString(), u"1.16"_s);
        QStringList needs;
        for (const QJsonValue &n : p2[u"needs"_s].toArray())
            needs << n[u"path"_s].toString() + u'@' + n[u"version"_s].toString() + u' '
                         + n[u"how"_s].toString();
        needs.sort();
        QCOMPARE(needs, (QStringList{
                            u"example.com/dep@v1.0.0 code"_s, u"example.com/lib@v1.0.0 gomod"_s,
                            u"example.com/lib@v1.2.0 code"_s, u"example.com/util@v1.1.0 code"_s}));
        // Without --root: the current folder.
        const ProcessResult here = runCli({u"projects"_s, u"--json"_s},
                                          env(m_world->templateCache(m_go)), m_root + u"/p1"_s);
        QVERIFY2(here.exitCode == 0, qPrintable(here.describe()));
        QCOMPARE(jsonObject(here.stdOut)[u"projects"_s].toArray().size(), 1);
    }

    void shouldAddUsedByToScanOnlyWithRoot()
    {
        const QString cache = m_world->templateCache(m_go);
        const ProcessResult plain = runCli({u"scan"_s, u"--json"_s}, env(cache));
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.describe()));
        for (const QJsonValue &v : jsonObject(plain.stdOut)[u"versions"_s].toArray())
            QVERIFY(!v.toObject().contains(u"usedBy"_s));
        const ProcessResult r = runCli({u"scan"_s, u"--json"_s, u"--root"_s, m_root}, env(cache));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QMap<QString, QStringList> usedBy;
        for (const QJsonValue &v : jsonObject(r.stdOut)[u"versions"_s].toArray()) {
            QVERIFY(v.toObject().contains(u"usedBy"_s));
            QStringList dirs;
            for (const QJsonValue &d : v[u"usedBy"_s].toArray())
                dirs << d.toString().mid(m_root.size() + 1);
            dirs.sort();
            usedBy.insert(v[u"path"_s].toString() + u'@' + v[u"version"_s].toString(), dirs);
        }
        QCOMPARE(usedBy.value(u"example.com/lib@v1.1.0"_s), (QStringList{u"p1"_s, u"pexcl"_s}));
        QCOMPARE(usedBy.value(u"example.com/util@v1.1.0"_s),
                 (QStringList{u"p2"_s, u"pstale"_s, u"ws"_s}));
        QVERIFY(usedBy.contains(u"example.com/unused@v1.0.0"_s));
        QCOMPARE(usedBy.value(u"example.com/unused@v1.0.0"_s), QStringList());
    }

    void shouldPreviewPurgeUnusedAndCheckItsArguments()
    {
        ScratchDir work(u"tst_cli_projects-purge"_s);
        const QString cache = m_world->freshCache(m_go, work.path());
        const QStringList before = listing(cache);
        const ProcessResult r
            = runCli({u"purge"_s, u"--unused"_s, u"--root"_s, m_root, u"--dry-run"_s}, env(cache));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.stdOut.contains("would remove  example.com/unused@v1.0.0"),
                 qPrintable(r.describe()));
        QVERIFY2(r.stdOut.contains("example.com/lib@v1.0.0  (zip and tree; .info/.mod kept)"),
                 qPrintable(r.describe()));
        QVERIFY2(r.stdOut.contains("unused versions: "), qPrintable(r.describe()));
        QCOMPARE(listing(cache), before);
        QCOMPARE(runCli({u"purge"_s, u"--unused"_s, u"--dry-run"_s}, env(cache)).exitCode, 2);
        QCOMPARE(
            runCli({u"purge"_s, u"--root"_s, m_root, u"example.com/lib"_s}, env(cache)).exitCode,
            2);
        QCOMPARE(
            runCli({u"purge"_s, u"--unused"_s, u"--root"_s, m_root, u"--keep-latest"_s, u"1"_s},
                   env(cache))
                .exitCode,
            2);
        // A root without projects: refused, nothing removed.
        const ProcessResult empty = runCli(
            {u"purge"_s, u"--unused"_s, u"--root"_s, work.filePath(u"nothing"_s)}, env(cache));
        QVERIFY(empty.exitCode != 0);
        QCOMPARE(listing(cache), before);
    }
};

QTEST_GUILESS_MAIN(TestCliProjects)
#include "tst_cli_projects.moc"
