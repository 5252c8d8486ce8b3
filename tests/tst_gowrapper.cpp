// SPDX-License-Identifier: GPL-3.0-or-later
// The go command used for GONOPROXY/direct paths is the one a user's shell runs: `go` on PATH,
// here a wrapper script reached through a symlink (as version managers and shims install
// them), not $GOROOT/bin/go for a GOROOT guessed from where the wrapper lives.
#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

class TestGoWrapper : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;
    const QString m_id = u"example.com/a@v1.1.0"_s;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_gowrapper"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(
            {{u"example.com/a"_s, u"v1.1.0"_s, smallModuleFiles(u"example.com/a"_s, u"v1.1.0"_s)},
             // World needs one version in its template cache
             {u"example.com/ab"_s, u"v1.0.0"_s,
              smallModuleFiles(u"example.com/ab"_s, u"v1.0.0"_s)}},
            {GoTool::go123()}, {m_id});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldRunTheGoOnPathForPrivatePaths()
    {
        ScratchDir work(u"tst_gowrapper-private"_s);
        // work/bin/go -> work/tools/wrap/go-wrapper.sh: resolving the link puts "GOROOT" at
        // work/tools, whose bin/go does not exist.
        const QString calls = work.filePath(u"calls.txt"_s);
        const QString script = work.mkpath(u"tools/wrap"_s) + u"/go-wrapper.sh"_s;
        QVERIFY(writeFile(script, "#!/bin/sh\n"
                                  "echo \"$@\" >> '"
                                      + calls.toUtf8()
                                      + "'\n"
                                        // The fixture has no version control: let the real go take
                                        // the private path from the proxy.
                                        "unset GONOPROXY GOPRIVATE GONOSUMDB GOROOT\n"
                                        "exec " MODKEEPER_GO123 " \"$@\"\n"));
        QVERIFY(
            QFile::setPermissions(script, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QString bin = work.mkpath(u"bin"_s);
        QVERIFY(QFile::link(script, bin + u"/go"_s));

        const QString cache = work.filePath(u"cache"_s);
        QProcessEnvironment e = cliEnv(work.path(), cache);
        e.insert(u"PATH"_s, bin + u":/usr/bin:/bin"_s);
        e.insert(u"GOPROXY"_s, m_world->proxyUrl());
        e.insert(u"GONOPROXY"_s, u"example.com/a"_s);
        e.insert(u"GOSUMDB"_s, u"off"_s);
        const ProcessResult r = runCli({u"download"_s, u"--json"_s, m_id}, e);
        QVERIFY2(QFile::exists(calls),
                 qPrintable(u"the go on PATH was not run\n"_s + r.describe()));
        QVERIFY2(
            readFile(calls).contains(QByteArray(QByteArray("mod download -json ") + m_id.toUtf8())),
            readFile(calls).constData());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonArray versions = jsonObject(r.stdOut).value(u"versions"_s).toArray();
        QCOMPARE(versions.size(), 1);
        QCOMPARE(versions.first().toObject().value(u"outcome"_s).toString(), u"downloaded"_s);
        QVERIFY(piecesOf(cache, m_id).complete());
    }
};

QTEST_GUILESS_MAIN(TestGoWrapper)
#include "tst_gowrapper.moc"
