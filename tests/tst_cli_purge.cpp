// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli purge and trash as a user and a script see them: help, usage errors and exit
// codes, the JSON shape, the human output, and when the trash is emptied (--wait, or by the
// background reaper). The caches are written by the real go 1.23 from a file:// proxy.
#include <sys/stat.h>

#include <memory>

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "DuRunner.h"
#include "ExpectedText.h"
#include "helpers/PurgeFixture.h"
#include "purge/VersionPurger.h"
#include "scan/ScanReport.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

QStringList keysOf(const QJsonObject &o)
{
    QStringList k = o.keys();
    k.sort();
    return k;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

const QStringList kTopKeys
    = sorted({u"gomodcache"_s, u"dryRun"_s, u"all"_s, u"versions"_s, u"skipped"_s, u"bytes"_s});

} // namespace

class TestCliPurge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    [[nodiscard]] const World &world() const { return *m_world; }
    [[nodiscard]] QProcessEnvironment env() const { return cliEnv(world().home()); }

    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_cli_purge-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

    [[nodiscard]] QString freshCache(const ScratchDir &work) const
    {
        return world().freshCache(GoTool::go123(), work.path());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cli_purge"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(standardVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    void shouldPrintHelpAndExitZero_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("purge --help")
            << QStringList{u"purge"_s, u"--help"_s}
            << QStringList{u"--dry-run"_s,      u"--json"_s,     u"--light"_s, u"--older-than"_s,
                           u"--keep-latest"_s,  u"--state"_s,    u"--all"_s,   u"--wait"_s,
                           u"--lock-timeout"_s, u"--modcache"_s, u"PATTERN"_s};
        QTest::newRow("purge -h") << QStringList{u"purge"_s, u"-h"_s}
                                  << QStringList{u"--dry-run"_s};
        QTest::newRow("trash --help")
            << QStringList{u"trash"_s, u"--help"_s} << QStringList{u"--empty"_s, u"--json"_s};
        QTest::newRow("--help") << QStringList{u"--help"_s} << QStringList{u"purge"_s, u"trash"_s};
    }

    void shouldPrintHelpAndExitZero()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, mentions);
        const ProcessResult r = runCli(args, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QString out = QString::fromUtf8(r.stdOut);
        QVERIFY2(out.contains(u"Usage: modkeeper-cli"_s), qPrintable(out));
        for (const QString &m : mentions)
            QVERIFY2(out.contains(m), qPrintable(m + u" missing in\n"_s + out));
        QVERIFY2(r.stdErr.isEmpty(), r.stdErr.constData());
    }

    void shouldRejectBadUsageWithExitCodeTwoAndTouchNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown option")
            << QStringList{u"purge"_s, u"--bogus"_s, u"example.com/a"_s} << u"bogus"_s;
        QTest::newRow("older-than not a number")
            << QStringList{u"purge"_s, u"--older-than"_s, u"abc"_s} << u"abc"_s;
        QTest::newRow("older-than negative")
            << QStringList{u"purge"_s, u"--older-than"_s, u"-3"_s} << u"-3"_s;
        QTest::newRow("keep-latest not a number")
            << QStringList{u"purge"_s, u"--keep-latest"_s, u"many"_s} << u"many"_s;
        QTest::newRow("unknown state")
            << QStringList{u"purge"_s, u"--state"_s, u"weird"_s} << u"weird"_s;
        QTest::newRow("lock-timeout not a number")
            << QStringList{u"purge"_s, u"--lock-timeout"_s, u"soon"_s, u"example.com/a"_s}
            << u"soon"_s;
        QTest::newRow("nothing selected") << QStringList{u"purge"_s} << u"--all"_s;
        QTest::newRow("--all with a pattern")
            << QStringList{u"purge"_s, u"--all"_s, u"example.com/a"_s} << u"--all"_s;
        QTest::newRow("--all with a policy")
            << QStringList{u"purge"_s, u"--all"_s, u"--keep-latest"_s, u"1"_s} << u"--all"_s;
        QTest::newRow("--light alone selects nothing")
            << QStringList{u"purge"_s, u"--light"_s} << u"pattern"_s;
        QTest::newRow("invalid pattern")
            << QStringList{u"purge"_s, u"Example.com/a"_s} << u"Example.com/a"_s;
        QTest::newRow("trash: unknown option")
            << QStringList{u"trash"_s, u"--bogus"_s} << u"bogus"_s;
        QTest::newRow("trash: stray argument")
            << QStringList{u"trash"_s, u"--empty"_s, u"extra"_s} << u"extra"_s;
    }

    void shouldRejectBadUsageWithExitCodeTwoAndTouchNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList before = listing(cache);
        const ProcessResult r = runCli(args + QStringList{u"--modcache"_s, cache}, env());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(named, Qt::CaseInsensitive),
                 qPrintable(r.describe()));
        QVERIFY2(r.stdOut.isEmpty(), qPrintable(r.describe()));
        QCOMPARE(listing(cache), before);
    }

    // A glob path.Match cannot parse matches nothing: that is a mistake to report, not
    // "0 versions, 0 bytes freed" with exit 0.
    void shouldRejectAMalformedGlobAsAUsageError()
    {
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const ProcessResult r = runCli(
            {u"purge"_s, u"--dry-run"_s, u"--modcache"_s, cache, u"example.com/["_s}, env());
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(u"example.com/["_s),
                 qPrintable(r.describe()));
    }

    void shouldPrintTheDocumentedJsonShape_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("dryRun");
        QTest::addColumn<bool>("wait");
        QTest::newRow("dry run") << QStringList{u"--dry-run"_s, u"example.com/a"_s} << true
                                 << false;
        QTest::newRow("real run, waiting")
            << QStringList{u"--wait"_s, u"example.com/a"_s} << false << true;
        QTest::newRow("real run, background reaper")
            << QStringList{u"example.com/a"_s} << false << false;
        QTest::newRow("light, with skipped versions")
            << QStringList{u"--wait"_s, u"--light"_s, u"example.com/a"_s, u"example.com/ab"_s}
            << false << true;
    }

    void shouldPrintTheDocumentedJsonShape()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, dryRun);
        QFETCH(bool, wait);
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        // Make example.com/ab archive-only: a light clean skips it.
        QVERIFY(runCli({u"purge"_s, u"--light"_s, u"--wait"_s, u"--modcache"_s, cache,
                        u"example.com/ab"_s},
                       env())
                    .succeeded());

        const ProcessResult r
            = runCli(QStringList{u"purge"_s, u"--json"_s, u"--modcache"_s, cache} + args, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(r.stdOut, &pe);
        QVERIFY2(doc.isObject(),
                 qPrintable(pe.errorString() + u'\n' + QString::fromUtf8(r.stdOut)));
        const QJsonObject o = doc.object();

        QStringList expectedKeys = kTopKeys;
        if (!dryRun)
            expectedKeys = sorted(expectedKeys + QStringList{u"reaped"_s});
        QStringList keys = keysOf(o);
        if (dryRun && o.contains(u"reaped"_s)) { // allowed, as null
            QVERIFY(o.value(u"reaped"_s).isNull());
            keys.removeAll(u"reaped"_s);
        }
        QCOMPARE(keys, expectedKeys);
        QCOMPARE(o.value(u"gomodcache"_s).toString(), cache);
        QCOMPARE(o.value(u"dryRun"_s).toBool(!dryRun), dryRun);
        QVERIFY(o.value(u"all"_s).isBool() && !o.value(u"all"_s).toBool());
        QVERIFY(o.value(u"versions"_s).isArray());
        QVERIFY(o.value(u"skipped"_s).isArray());
        QVERIFY(o.value(u"bytes"_s).isDouble());

        const QJsonArray versions = o.value(u"versions"_s).toArray();
        QCOMPARE(versions.size(), 6); // the six versions of example.com/a
        qint64 sum = 0;
        for (const QJsonValue &v : versions) {
            const QJsonObject i = v.toObject();
            QStringList itemKeys{u"path"_s, u"version"_s, u"mode"_s, u"bytes"_s};
            if (!dryRun)
                itemKeys << u"outcome"_s;
            QCOMPARE(keysOf(i), sorted(itemKeys));
            QCOMPARE(i.value(u"path"_s).toString(), u"example.com/a"_s);
            QVERIFY(i.value(u"bytes"_s).toDouble() > 0);
            QVERIFY(i.value(u"mode"_s).toString() == u"full"_s
                    || i.value(u"mode"_s).toString() == u"light"_s);
            if (!dryRun)
                QCOMPARE(i.value(u"outcome"_s).toString(), u"removed"_s);
            sum += qint64(i.value(u"bytes"_s).toDouble());
        }
        QCOMPARE(qint64(o.value(u"bytes"_s).toDouble()), sum);

        for (const QJsonValue &v : o.value(u"skipped"_s).toArray()) {
            QCOMPARE(keysOf(v.toObject()), sorted({u"path"_s, u"version"_s, u"reason"_s}));
            QCOMPARE(v.toObject().value(u"path"_s).toString(), u"example.com/ab"_s);
        }
        QCOMPARE(o.value(u"skipped"_s).toArray().size(), args.contains(u"--light"_s) ? 1 : 0);

        if (!dryRun && wait) {
            const QJsonObject reaped = o.value(u"reaped"_s).toObject();
            QCOMPARE(keysOf(reaped), sorted({u"bytesFreed"_s, u"entriesRemoved"_s, u"issues"_s}));
            QVERIFY(reaped.value(u"bytesFreed"_s).toDouble() > 0);
            QVERIFY(reaped.value(u"issues"_s).toArray().isEmpty());
            QCOMPARE(entries(trashPath(cache)), QStringList{});
        } else if (!dryRun) {
            QVERIFY(o.value(u"reaped"_s).isNull());
            QTRY_VERIFY_WITH_TIMEOUT(entries(trashPath(cache)).isEmpty(), 60000);
        } else {
            QVERIFY(!exists(trashPath(cache)) || entries(trashPath(cache)).isEmpty());
        }
    }

    // The same top-level shape for --all, so that a script reads every purge the same way.
    void shouldPrintTheSameJsonShapeForPurgeAll_data()
    {
        QTest::addColumn<bool>("dryRun");
        QTest::newRow("dry run") << true;
        QTest::newRow("real run") << false;
    }

    void shouldPrintTheSameJsonShapeForPurgeAll()
    {
        QFETCH(bool, dryRun);
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        QStringList args{u"purge"_s, u"--all"_s, u"--json"_s, u"--wait"_s, u"--modcache"_s, cache};
        if (dryRun)
            args << u"--dry-run"_s;
        const ProcessResult r = runCli(args, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        const QJsonObject o = jsonObject(r.stdOut);
        QCOMPARE(o.value(u"all"_s).toBool(), true);
        QCOMPARE(o.value(u"dryRun"_s).toBool(!dryRun), dryRun);
        for (const QString &key : kTopKeys)
            QVERIFY2(o.contains(key),
                     qPrintable(key + u" missing in "_s + QString::fromUtf8(r.stdOut)));
        QVERIFY2(o.value(u"versions"_s).isArray(), qPrintable(QString::fromUtf8(r.stdOut)));
        QVERIFY2(o.value(u"skipped"_s).isArray(), qPrintable(QString::fromUtf8(r.stdOut)));
        QVERIFY2(o.value(u"bytes"_s).isDouble(), qPrintable(QString::fromUtf8(r.stdOut)));
    }

    void shouldNameEveryVersionAndItsSizeInHumanOutput()
    {
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList patterns{u"example.com/a"_s, u"example.com/legacy"_s};
        const ProcessResult planned = runCli(
            QStringList{u"purge"_s, u"--dry-run"_s, u"--json"_s, u"--modcache"_s, cache} + patterns,
            env());
        QVERIFY2(planned.succeeded(), qPrintable(planned.describe()));
        const QJsonObject plan = jsonObject(planned.stdOut);
        const QJsonArray versions = plan.value(u"versions"_s).toArray();
        QCOMPARE(versions.size(), 8);

        const ProcessResult dry = runCli(
            QStringList{u"purge"_s, u"--dry-run"_s, u"--modcache"_s, cache} + patterns, env());
        QVERIFY2(dry.succeeded(), qPrintable(dry.describe()));
        const ProcessResult real = runCli(
            QStringList{u"purge"_s, u"--wait"_s, u"--modcache"_s, cache} + patterns, env());
        QVERIFY2(real.succeeded(), qPrintable(real.describe()));
        const QStringList dryLines = QString::fromUtf8(dry.stdOut).split(u'\n');
        const QStringList realLines = QString::fromUtf8(real.stdOut).split(u'\n');
        for (const QJsonValue &v : versions) {
            const QJsonObject i = v.toObject();
            const QString id
                = i.value(u"path"_s).toString() + u'@' + i.value(u"version"_s).toString();
            const QString size = ScanReport::formatBytes(quint64(i.value(u"bytes"_s).toDouble()));
            auto named = [&](const QStringList &lines, const QString &verb) {
                return std::any_of(lines.begin(), lines.end(), [&](const QString &l) {
                    return l.startsWith(verb) && l.contains(u' ' + id + u' ') && l.endsWith(size);
                });
            };
            QVERIFY2(named(dryLines, u"would remove"_s),
                     qPrintable(id + u' ' + size + u" in\n"_s + dryLines.join(u'\n')));
            QVERIFY2(named(realLines, u"removed"_s),
                     qPrintable(id + u' ' + size + u" in\n"_s + realLines.join(u'\n')));
        }
        const QString total = ScanReport::formatBytes(quint64(plan.value(u"bytes"_s).toDouble()));
        QVERIFY2(dryLines.contains(u"8 versions, "_s + total + u" would be freed"_s),
                 qPrintable(dryLines.join(u'\n')));
        QVERIFY2(realLines.contains(u"8 versions, "_s + total + u" freed"_s),
                 qPrintable(realLines.join(u'\n')));
        QVERIFY2(QString::fromUtf8(real.stdOut).contains(u"trash emptied: "_s),
                 qPrintable(real.describe()));
    }

    void shouldReportAFailedVersionWithExitCodeOneAndItsError()
    {
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const QString lockFile = fileOf(cache, u"example.com/a@v1.0.0"_s, u".lock"_s);
        QProcess holder;
        holder.setProgram(u"/usr/bin/flock"_s);
        holder.setArguments(
            {u"--exclusive"_s, lockFile, u"/bin/sh"_s, u"-c"_s, u"echo locked; read line"_s});
        holder.start();
        QVERIFY(holder.waitForStarted());
        QByteArray seen;
        QVERIFY2(waitForLine(holder, "locked", &seen), seen.constData());

        const ProcessResult r
            = runCli({u"purge"_s, u"--json"_s, u"--wait"_s, u"--lock-timeout"_s, u"0.2"_s,
                      u"--modcache"_s, cache, u"example.com/a@v1.0.0"_s, u"example.com/ab"_s},
                     env());
        holder.write("done\n");
        QVERIFY(holder.waitForFinished(10000));
        QCOMPARE(r.exitCode, 1);
        QMap<QString, QJsonObject> byId;
        for (const QJsonValue &v : jsonObject(r.stdOut).value(u"versions"_s).toArray())
            byId.insert(v.toObject().value(u"path"_s).toString() + u'@'
                            + v.toObject().value(u"version"_s).toString(),
                        v.toObject());
        const QJsonObject failed = byId.value(u"example.com/a@v1.0.0"_s);
        QCOMPARE(failed.value(u"outcome"_s).toString(), u"failed"_s);
        QVERIFY2(failed.value(u"error"_s).toString().contains(lockFile),
                 qPrintable(failed.value(u"error"_s).toString()));
        QCOMPARE(failed.value(u"bytes"_s).toDouble(), 0.0);
        QCOMPARE(byId.value(u"example.com/ab@v1.0.0"_s).value(u"outcome"_s).toString(),
                 u"removed"_s);
        QVERIFY(!byId.value(u"example.com/ab@v1.0.0"_s).contains(u"error"_s));
        QVERIFY(piecesOf(cache, u"example.com/a@v1.0.0"_s).complete());
    }

    void shouldFreeTheTreesBeforeReturningWithWait()
    {
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const QStringList ids{u"example.com/a@v1.0.0"_s,
                              u"example.com/legacy@v2.0.0+incompatible"_s};
        QStringList trees;
        for (const QString &id : ids)
            trees << treeOf(cache, id);
        const Expected<quint64> du = DuRunner::total(trees);
        QVERIFY2(du.ok(), qPrintable(errorText(du)));

        const ProcessResult r = runCli(
            QStringList{u"purge"_s, u"--wait"_s, u"--json"_s, u"--modcache"_s, cache} + ids, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QCOMPARE(entries(trashPath(cache)), QStringList{});
        const QJsonObject reaped = jsonObject(r.stdOut).value(u"reaped"_s).toObject();
        QCOMPARE(quint64(reaped.value(u"bytesFreed"_s).toDouble()), du.value());
    }

    void shouldEmptyTheTrashInTheBackgroundWithoutWait()
    {
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const ProcessResult r
            = runCli({u"purge"_s, u"--modcache"_s, cache, u"example.com/a"_s}, env());
        QVERIFY2(r.succeeded(), qPrintable(r.describe()));
        QVERIFY2(r.stdOut.contains("the trash is being emptied in the background"),
                 qPrintable(r.describe()));
        QVERIFY(!exists(treeOf(cache, u"example.com/a@v1.0.0"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(entries(trashPath(cache)).isEmpty(), 60000);
    }

    // `trash` shows what waits in the trash, as du counts it; `trash --empty` completes an
    // interrupted purge first and says so.
    void shouldReportTheTrashAsDuSeesItAndCompleteInterruptedPurges()
    {
        const auto work = workDir();
        const QString cache = freshCache(*work);
        QVERIFY(!cache.isEmpty());
        const ProcessResult c
            = Subprocess::run(crasherPath(),
                              {cache, u"example.com/a"_s, u"v1.1.0"_s, u"full"_s,
                               QString::number(int(VersionPurger::Step::TreeMoved))},
                              env());
        QCOMPARE(c.exitCode, 42);

        const ProcessResult shown
            = runCli({u"trash"_s, u"--json"_s, u"--modcache"_s, cache}, env());
        QVERIFY2(shown.succeeded(), qPrintable(shown.describe()));
        const QJsonObject s = jsonObject(shown.stdOut);
        QCOMPARE(s.value(u"trash"_s).toString(), trashPath(cache));
        const Expected<quint64> du = DuRunner::summary(trashPath(cache));
        QVERIFY2(du.ok(), qPrintable(errorText(du)));
        QCOMPARE(quint64(s.value(u"diskBytes"_s).toDouble()), du.value());

        const ProcessResult emptied
            = runCli({u"trash"_s, u"--empty"_s, u"--modcache"_s, cache}, env());
        QVERIFY2(emptied.succeeded(), qPrintable(emptied.describe()));
        QVERIFY2(emptied.stdOut.contains("1 interrupted purges completed"),
                 qPrintable(emptied.describe()));
        QCOMPARE(entries(trashPath(cache)), QStringList{});
        QVERIFY(piecesOf(cache, u"example.com/a@v1.1.0"_s).gone());
    }
};

QTEST_GUILESS_MAIN(TestCliPurge)
#include "tst_cli_purge.moc"
