// SPDX-License-Identifier: GPL-3.0-or-later
// modkeeper-cli's error rules, the same for every command: a PATTERN that matches nothing is
// exit 1 with one message (text and --json alike); every --json failure entry names its path
// and version and the summary counts failures with the right plurals; scan warns about a
// directory that is no module cache; a corrupt settings file stops the commands that need it
// and is kept as .bak, never overwritten. The caches are written by the real go 1.23.
#include <memory>

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include "helpers/PurgeFixture.h"
#include "purge/RestoreJob.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;
using namespace mk::test::purge;

namespace {

const QString kAb = u"example.com/ab@v1.0.0"_s;
const QString kUpper = u"github.com/Upper/Case@v1.0.0"_s;
const QString kNothing = u"example.com/nothing"_s;
const QByteArray kGarbage("\xff\xfe\xfd garbage, not an INI "
                          "file\n[ProxyPresets]\npresets\\1\\name=mine\npresets\\size=1\n");

QList<FixtureVersion> fixtureVersions()
{
    QList<FixtureVersion> out;
    for (const FixtureVersion &v : standardVersions())
        if (v.path == u"example.com/a"_s || v.id() == kAb || v.id() == kUpper)
            out.append(v);
    return out;
}

QJsonObject entry(const QJsonObject &doc, const QString &id)
{
    for (const QJsonValue &v : doc.value(u"versions"_s).toArray())
        if (v[u"path"_s].toString() + u'@' + v[u"version"_s].toString() == id)
            return v.toObject();
    return {};
}

QString settingsFile(const QString &home)
{
    return home + u"/.config/ModKeeper/ModKeeper.conf"_s;
}

} // namespace

class TestCliErrors : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDir> m_scratch;
    std::unique_ptr<World> m_world;

    /// No proxy and no checksum database: nothing here may go to the network.
    [[nodiscard]] QProcessEnvironment env(const QString &home = {}) const
    {
        QProcessEnvironment e = cliEnv(home.isEmpty() ? m_world->home() : home);
        e.insert(u"GOPROXY"_s, u"off"_s);
        e.insert(u"GOSUMDB"_s, u"off"_s);
        return e;
    }
    [[nodiscard]] static std::unique_ptr<ScratchDir> workDir()
    {
        return std::make_unique<ScratchDir>(u"tst_cli_errors-"_s
                                            + QString::fromLatin1(QTest::currentTestFunction()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_scratch = std::make_unique<ScratchDir>(u"tst_cli_errors"_s);
        QVERIFY(m_scratch->isValid());
        m_world = std::make_unique<World>(m_scratch->path());
        const QString error = m_world->build(fixtureVersions(), {GoTool::go123()});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_world.reset();
        m_scratch.reset();
    }

    // -----------------------------------------------------------------------------------
    // One rule for "nothing matches"

    void shouldSayNothingMatchesAlike_data()
    {
        QTest::addColumn<QStringList>("args");
        for (const bool json : {false, true}) {
            const QStringList j = json ? QStringList{u"--json"_s} : QStringList();
            const char *suffix = json ? " --json" : "";
            QTest::addRow("purge%s", suffix) << QStringList{u"purge"_s} + j;
            QTest::addRow("purge --dry-run%s", suffix)
                << QStringList{u"purge"_s, u"--dry-run"_s} + j;
            QTest::addRow("restore%s", suffix) << QStringList{u"restore"_s} + j;
            QTest::addRow("verify%s", suffix) << QStringList{u"verify"_s} + j;
            QTest::addRow("repair%s", suffix) << QStringList{u"repair"_s} + j;
            QTest::addRow("refresh%s", suffix) << QStringList{u"refresh"_s} + j;
        }
    }

    // Exit 1, one line naming the pattern on stderr, the same as "error" in the JSON
    // document, nothing changed, and never "all ok".
    void shouldSayNothingMatchesAlike()
    {
        QFETCH(QStringList, args);
        const bool json = args.contains(u"--json"_s);
        const QString command = args.first();
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const QStringList before = listing(cache);

        const ProcessResult r = runCli(args + QStringList{u"--modcache"_s, cache, kNothing}, env());
        QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
        const QString expected = u"modkeeper-cli "_s + command
                                 + u": no version in the cache matches "_s + kNothing + u'\n';
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(expected), qPrintable(r.describe()));
        QVERIFY2(!r.stdOut.contains("all ok"), qPrintable(r.describe()));
        if (json) {
            const QJsonObject doc = jsonObject(r.stdOut);
            QVERIFY2(!doc.isEmpty(), qPrintable(r.describe()));
            QCOMPARE(doc.value(u"error"_s).toString(),
                     u"no version in the cache matches "_s + kNothing);
            QCOMPARE(doc.value(u"unmatched"_s).toArray(), QJsonArray{kNothing});
            QCOMPARE(doc.value(u"versions"_s).toArray().size(), 0);
        }
        QCOMPARE(listing(cache), before);
    }

    // A pattern that matches next to one that does not: the work is done, the typo is
    // reported and the exit status says so; verify does not call that "all ok".
    void shouldReportTheUnmatchedPatternNextToWorkDone()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const ProcessResult v = runCli({u"verify"_s, u"--modcache"_s, cache, kAb, kNothing}, env());
        QCOMPARE(v.exitCode, 1);
        QVERIFY2(v.stdOut.contains("ok            example.com/ab@v1.0.0\n"),
                 qPrintable(v.describe()));
        QVERIFY2(v.stdOut.contains("1 version checked"), qPrintable(v.describe()));
        QVERIFY2(!v.stdOut.contains("all ok"), qPrintable(v.describe()));
        QVERIFY(v.stdErr.contains(
            "modkeeper-cli verify: no version in the cache matches example.com/nothing\n"));

        const ProcessResult p = runCli(
            {u"purge"_s, u"--json"_s, u"--wait"_s, u"--modcache"_s, cache, kAb, kNothing}, env());
        QCOMPARE(p.exitCode, 1);
        const QJsonObject doc = jsonObject(p.stdOut);
        QCOMPARE(entry(doc, kAb).value(u"outcome"_s).toString(), u"removed"_s);
        QCOMPARE(doc.value(u"unmatched"_s).toArray(), QJsonArray{kNothing});
        QVERIFY(!exists(treeOf(cache, kAb)));
    }

    // -----------------------------------------------------------------------------------
    // Failures: path and version in every JSON entry, counted in the summary

    // The trash cannot be made (a file is in its place): purge fails before its first
    // version, and still every entry names its version; the summary counts the failures.
    void shouldNameEveryVersionOfAPurgeThatFailedAtOnce()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        QVERIFY(writeFile(cache + u"/.modkeeper-trash"_s, "not a directory"));
        const ProcessResult r = runCli(
            {u"purge"_s, u"--json"_s, u"--wait"_s, u"--modcache"_s, cache, kAb, kUpper}, env());
        QCOMPARE(r.exitCode, 1);
        const QJsonArray versions = jsonObject(r.stdOut).value(u"versions"_s).toArray();
        QCOMPARE(versions.size(), 2);
        for (const QJsonValue &v : versions) {
            QVERIFY2(!v[u"path"_s].toString().isEmpty() && !v[u"version"_s].toString().isEmpty(),
                     r.stdOut.constData());
            QCOMPARE(v[u"outcome"_s].toString(), u"failed"_s);
            QVERIFY2(v[u"error"_s].toString().contains(u".modkeeper-trash"_s),
                     r.stdOut.constData());
        }
        QVERIFY(!entry(jsonObject(r.stdOut), kAb).isEmpty());
        QVERIFY(!entry(jsonObject(r.stdOut), kUpper).isEmpty());

        const ProcessResult human
            = runCli({u"purge"_s, u"--wait"_s, u"--modcache"_s, cache, kAb}, env());
        QCOMPARE(human.exitCode, 1);
        QVERIFY2(human.stdOut.contains("1 version, 1 failed, "), qPrintable(human.describe()));
        QVERIFY2(human.stdErr.contains("example.com/ab@v1.0.0: "), qPrintable(human.describe()));
        QVERIFY(exists(treeOf(cache, kAb)));
    }

    // verify on a damaged tree, repair and refresh that cannot fetch: each JSON failure names
    // path and version, each summary says "1 version" and how many failed.
    void shouldCountFailuresInEverySummary()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        // A damaged tree (verify) and a damaged .ziphash (repair needs a download: offline, fails).
        const QString tree = treeOf(cache, kAb);
        QVERIFY(::chmod(QFile::encodeName(tree).constData(), 0755) == 0);
        QVERIFY(writeFile(tree + u"/stray.go"_s, "package pab\n"));
        QVERIFY(writeFile(fileOf(cache, kUpper, u".ziphash"_s), "garbage"));

        const ProcessResult v
            = runCli({u"verify"_s, u"--json"_s, u"--modcache"_s, cache, kAb}, env());
        QCOMPARE(v.exitCode, 1);
        const QJsonObject bad = entry(jsonObject(v.stdOut), kAb);
        QCOMPARE(bad.value(u"ok"_s).toBool(true), false);
        const ProcessResult vText = runCli({u"verify"_s, u"--modcache"_s, cache, kAb}, env());
        QCOMPARE(vText.exitCode, 1);
        QVERIFY2(vText.stdOut.contains("\n1 version checked ("), qPrintable(vText.describe()));
        QVERIFY2(vText.stdOut.contains("), 1 with problems\n"), qPrintable(vText.describe()));

        const ProcessResult rJson
            = runCli({u"repair"_s, u"--json"_s, u"--modcache"_s, cache, kUpper}, env());
        QCOMPARE(rJson.exitCode, 1);
        const QJsonObject failed = entry(jsonObject(rJson.stdOut), kUpper);
        QCOMPARE(failed.value(u"ok"_s).toBool(true), false);
        QVERIFY2(!failed.value(u"error"_s).toString().isEmpty(), rJson.stdOut.constData());
        const ProcessResult rText = runCli({u"repair"_s, u"--modcache"_s, cache, kUpper}, env());
        QCOMPARE(rText.exitCode, 1);
        QVERIFY2(rText.stdOut.contains("1 version, 1 failed, 0 repaired\n"),
                 qPrintable(rText.describe()));
        const ProcessResult rTwo
            = runCli({u"repair"_s, u"--modcache"_s, cache, kUpper, kAb}, env());
        QCOMPARE(rTwo.exitCode, 1);
        QVERIFY2(rTwo.stdOut.contains("2 versions, 1 failed, 1 repaired\n"),
                 qPrintable(rTwo.describe()));

        // GOPROXY=off: a refresh cannot fetch anything.
        const ProcessResult fJson
            = runCli({u"refresh"_s, u"--json"_s, u"--modcache"_s, cache, kAb}, env());
        QCOMPARE(fJson.exitCode, 1);
        const QJsonArray entries = jsonObject(fJson.stdOut).value(u"versions"_s).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first()[u"path"_s].toString(), u"example.com/ab"_s);
        QCOMPARE(entries.first()[u"version"_s].toString(), u"v1.0.0"_s);
        QCOMPARE(entries.first()[u"ok"_s].toBool(true), false);
        const ProcessResult fText = runCli({u"refresh"_s, u"--modcache"_s, cache, kAb}, env());
        QCOMPARE(fText.exitCode, 1);
        QVERIFY2(fText.stdOut.contains("1 version, 1 failed, "), qPrintable(fText.describe()));
    }

    void shouldGetPluralsRight()
    {
        const auto work = workDir();
        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const ProcessResult one
            = runCli({u"purge"_s, u"--dry-run"_s, u"--modcache"_s, cache, kAb}, env());
        QVERIFY2(one.succeeded(), qPrintable(one.describe()));
        QVERIFY2(one.stdOut.contains("\n1 version, ") && !one.stdOut.contains("1 versions"),
                 qPrintable(one.describe()));
        const ProcessResult two
            = runCli({u"purge"_s, u"--dry-run"_s, u"--modcache"_s, cache, kAb, kUpper}, env());
        QVERIFY2(two.succeeded(), qPrintable(two.describe()));
        QVERIFY2(two.stdOut.contains("\n2 versions, "), qPrintable(two.describe()));
        const ProcessResult verifyOne = runCli({u"verify"_s, u"--modcache"_s, cache, kAb}, env());
        QVERIFY2(verifyOne.succeeded(), qPrintable(verifyOne.describe()));
        QVERIFY2(verifyOne.stdOut.contains("\n1 version checked (")
                     && verifyOne.stdOut.contains("all ok"),
                 qPrintable(verifyOne.describe()));

        // restore says what it did, with the same counting.
        QVERIFY(runCli({u"purge"_s, u"--light"_s, u"--wait"_s, u"--modcache"_s, cache, kAb}, env())
                    .succeeded());
        const ProcessResult restored = runCli({u"restore"_s, u"--modcache"_s, cache, kAb}, env());
        QVERIFY2(restored.succeeded(), qPrintable(restored.describe()));
        QVERIFY2(restored.stdOut.contains("\n1 version, ")
                     && restored.stdOut.contains(" restored\n"),
                 qPrintable(restored.describe()));
    }

    // -----------------------------------------------------------------------------------
    // scan on a directory that is no module cache

    void shouldWarnWhenScanningWhatIsNoModuleCache()
    {
        const auto work = workDir();
        const QString dir = work->mkpath(u"not-a-cache"_s);
        QVERIFY(writeFile(dir + u"/important.txt"_s, "keep me"));
        const ProcessResult r = runCli({u"scan"_s, u"--modcache"_s, dir}, env());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(
            QString::fromUtf8(r.stdErr).contains(
                u"warning: "_s + dir
                + u": has no cache/download directory, so it does not look like a Go module cache"_s),
            qPrintable(r.describe()));
        QCOMPARE(readFile(dir + u"/important.txt"_s), QByteArray("keep me"));

        const QString cache = m_world->freshCache(GoTool::go123(), work->path());
        QVERIFY(!cache.isEmpty());
        const ProcessResult real = runCli({u"scan"_s, u"--json"_s, u"--modcache"_s, cache}, env());
        QVERIFY2(real.succeeded(), qPrintable(real.describe()));
        QVERIFY2(!real.stdErr.contains("does not look like"), qPrintable(real.describe()));
    }

    // -----------------------------------------------------------------------------------
    // A corrupt settings file

    // proxy list stops with exit 1 naming the file; the bytes are kept as .bak; a second
    // corrupt file does not overwrite that backup; a change never writes over a bad file.
    void shouldKeepACorruptSettingsFileAside()
    {
        const auto work = workDir();
        const QString home = work->mkpath(u"home"_s);
        const QString file = settingsFile(home);
        QVERIFY(writeFile(file, kGarbage));

        const ProcessResult list = runCli({u"proxy"_s, u"list"_s}, env(home));
        QVERIFY2(list.exitCode == 1, qPrintable(list.describe()));
        const QString err = QString::fromUtf8(list.stdErr);
        QVERIFY2(err.contains(u"modkeeper-cli proxy: "_s + file + u": "_s),
                 qPrintable(list.describe()));
        QVERIFY2(err.contains(file + u".bak"_s), qPrintable(list.describe()));
        QCOMPARE(readFile(file + u".bak"_s), kGarbage);
        QVERIFY(!exists(file));

        // The file is aside now: the defaults apply.
        const ProcessResult again = runCli({u"proxy"_s, u"list"_s}, env(home));
        QVERIFY2(again.succeeded(), qPrintable(again.describe()));

        // A second corrupt file, and a change that needs it: refused, kept as .bak.1.
        const QByteArray second = kGarbage + "second\n";
        QVERIFY(writeFile(file, second));
        const ProcessResult add
            = runCli({u"proxy"_s, u"add"_s, u"mine"_s, u"https://proxy.example.test"_s}, env(home));
        QVERIFY2(add.exitCode == 1, qPrintable(add.describe()));
        QVERIFY2(QString::fromUtf8(add.stdErr).contains(file + u".bak.1"_s),
                 qPrintable(add.describe()));
        QCOMPARE(readFile(file + u".bak"_s), kGarbage);
        QCOMPARE(readFile(file + u".bak.1"_s), second);
        QVERIFY(!exists(file));

        // Commands that do not read the settings are not stopped by them.
        QVERIFY(writeFile(file, kGarbage));
        const ProcessResult where = runCli({u"proxy"_s, u"where"_s, u"example.com/a"_s}, env(home));
        QVERIFY2(where.succeeded(), qPrintable(where.describe()));
        QCOMPARE(readFile(file), kGarbage);
    }

    // -----------------------------------------------------------------------------------
    // One restore rule for the GUI and the CLI

    void shouldChooseRestorableVersionsByOneRule()
    {
        ModuleVersionRecord v;
        v.pieces = HasZip | HasZiphash | HasInfo | HasMod;
        v.state = VersionState::ArchiveOnly;
        QVERIFY(RestoreJob::isRestorable(v));
        v.state = VersionState::Partial; // an interrupted extraction: the zip is still good
        v.pieces |= HasTree | HasPartial;
        QVERIFY(RestoreJob::isRestorable(v));
        v.state = VersionState::Complete;
        v.pieces &= quint8(~HasPartial);
        QVERIFY(!RestoreJob::isRestorable(v));
        v.state = VersionState::Partial; // a zip without its .ziphash cannot be checked
        v.pieces = HasZip | HasInfo | HasMod;
        QVERIFY(!RestoreJob::isRestorable(v));
        v.state = VersionState::MetadataOnly;
        v.pieces = HasInfo | HasMod;
        QVERIFY(!RestoreJob::isRestorable(v));
    }
};

QTEST_GUILESS_MAIN(TestCliErrors)
#include "tst_cli_errors.moc"
