// SPDX-License-Identifier: GPL-3.0-or-later
// `modkeeper-cli scan` as a user or a script sees it: a subprocess with its own environment,
// its exit codes, its JSON and its table, on a cache written by the real go 1.19.
#include <algorithm>
#include <memory>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

#include "CacheWriter.h"
#include "DuRunner.h"
#include "ExpectedText.h"
#include "FileTimes.h"
#include "FixtureProxy.h"
#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "TreeRemover.h"
#include "scan/CacheScanner.h"

using namespace Qt::StringLiterals;
using namespace mk;
using namespace mk::test;

namespace {

const QString kToml = u"github.com/BurntSushi/toml"_s;
const QString kYaml = u"gopkg.in/yaml.v3"_s;
const QString kLegacy = u"example.com/legacy"_s;
const QString kPseudo = u"example.com/pseudo"_s;
const QString kPseudoVersion = u"v0.0.0-20230102150405-abcdefabcdef"_s;
const QString kMetaOnly = u"example.com/metaonly"_s;

/// path@version -> state after the fixture's injections.
const QMap<QString, QString> kExpectedStates{
    {kToml + u"@v1.2.0"_s, u"complete"_s},
    {kToml + u"@v1.3.0"_s, u"archive-only"_s},
    {kYaml + u"@v3.0.1"_s, u"partial"_s},
    {kLegacy + u"@v2.0.0+incompatible"_s, u"complete"_s},
    {kPseudo + u'@' + kPseudoVersion, u"complete"_s},
    {kMetaOnly + u"@v1.1.0"_s, u"metadata-only"_s},
};

const QStringList kVersionSuffixes{u".info"_s,    u".mod"_s,  u".zip"_s,
                                   u".ziphash"_s, u".lock"_s, u".partial"_s};

QString cli()
{
    return QStringLiteral(MODKEEPER_CLI);
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QJsonObject parseObject(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (!doc.isObject())
        *error = pe.errorString() + u": "_s + QString::fromUtf8(json.left(500));
    return doc.object();
}

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() >= 0 && v.toDouble() == double(qint64(v.toDouble()));
}

/// A version's files that du must count for it: the tree and its own @v files.
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

} // namespace

class CliScanTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldPrintJsonInTheDocumentedShape();
    void shouldReportEachVersionWithItsStateAndSizeLikeDu();
    void shouldPrintTimesAsUtcIsoOrNull();
    void shouldPrintAHumanTableByDefault();
    void shouldPrintUsageOnHelp_data();
    void shouldPrintUsageOnHelp();
    void shouldExitWithUsageErrorOnBadArguments_data();
    void shouldExitWithUsageErrorOnBadArguments();
    void shouldFailNamingTheCacheWhenItIsMissing();
    void shouldScanTheResolvedGomodcacheWithoutTheOption_data();
    void shouldScanTheResolvedGomodcacheWithoutTheOption();
    void shouldRefuseARelativeGomodcacheLikeGo();

private:
    /// A minimal environment: nothing of the developer's HOME or go env leaks in.
    [[nodiscard]] QProcessEnvironment baseEnvironment() const;
    [[nodiscard]] ProcessResult runCli(const QStringList &args) const
    {
        return runCli(args, baseEnvironment());
    }
    [[nodiscard]] ProcessResult runCli(const QStringList &args,
                                       const QProcessEnvironment &env) const;

    std::unique_ptr<ScratchDir> m_scratch;
    QString m_home;       ///< HOME for go and for the env resolution rows
    QString m_gomodcache; ///< = $HOME/go/pkg/mod, go's default for that HOME
    QString m_emptyHome;
};

QProcessEnvironment CliScanTest::baseEnvironment() const
{
    QProcessEnvironment env;
    env.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    env.insert(u"HOME"_s, m_emptyHome);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    env.insert(u"GOENV"_s, u"off"_s);
    return env;
}

ProcessResult CliScanTest::runCli(const QStringList &args, const QProcessEnvironment &env) const
{
    return Subprocess::run(cli(), args, env, m_scratch->path(), 60000);
}

void CliScanTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QFileInfo(cli()).isExecutable());
    m_scratch = std::make_unique<ScratchDir>(u"tst_cli_scan"_s);
    QVERIFY(m_scratch->isValid());
    m_home = m_scratch->mkpath(u"home"_s);
    m_emptyHome = m_scratch->mkpath(u"empty-home"_s);
    m_gomodcache = m_home + u"/go/pkg/mod"_s;

    FixtureProxy proxy(m_scratch->mkpath(u"proxy"_s));
    auto add = [&](const QString &path, const QString &version, const FixtureProxy::Files &files) {
        const Status st = proxy.addModule(path, version, files);
        QVERIFY2(st.ok(), qPrintable(st.error().toString()));
    };
    add(kToml, u"v1.2.0"_s, FixtureProxy::generatedFiles(kToml, 12, 1));
    add(kToml, u"v1.3.0"_s, FixtureProxy::generatedFiles(kToml, 12, 2));
    add(kYaml, u"v3.0.1"_s, FixtureProxy::generatedFiles(kYaml, 5, 3));
    add(kLegacy, u"v2.0.0+incompatible"_s,
        FixtureProxy::generatedFiles(kLegacy, 3, 4, 200, 2000, false));
    add(kPseudo, kPseudoVersion, FixtureProxy::generatedFiles(kPseudo, 3, 5));
    add(kMetaOnly, u"v1.1.0"_s, FixtureProxy::generatedFiles(kMetaOnly, 2, 6));

    const QString go = GoTool::go119();
    const QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, m_home, m_gomodcache, proxy.url());
    const GoDownloadResult dl = GoTool::downloadModules(
        go, env,
        {kToml + u"@v1.2.0"_s, kToml + u"@v1.3.0"_s, kYaml + u"@v3.0.1"_s,
         kLegacy + u"@v2.0.0+incompatible"_s, kPseudo + u'@' + kPseudoVersion});
    QVERIFY2(dl.ok(), qPrintable(dl.describe()));
    const GoDownloadResult listed = GoTool::listModule(go, env, kMetaOnly + u"@v1.1.0"_s);
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));

    QVERIFY(TreeRemover::removeAll(CacheWriter::treePath(m_gomodcache, kToml, u"v1.3.0"_s)));
    QVERIFY(
        writeFile(CacheWriter::downloadPath(m_gomodcache, kYaml, u"v3.0.1"_s, u".partial"_s), {}));

    // Whole-second times in the past, distinct per file, so printed times can be checked.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int i = 0;
    for (const QString &key : kExpectedStates.keys()) {
        const QString path = key.section(u'@', 0, 0);
        const QString version = key.section(u'@', 1);
        for (const QString &suffix : kVersionSuffixes) {
            const QString f = CacheWriter::downloadPath(m_gomodcache, path, version, suffix);
            if (!QFileInfo::exists(f))
                continue;
            ++i;
            QVERIFY(
                FileTimes::setSeconds(f, now - 4 * 86400 - 1000 * i, now - 3 * 86400 - 777 * i));
        }
    }
}

void CliScanTest::shouldPrintJsonInTheDocumentedShape()
{
    const ProcessResult r = runCli({u"scan"_s, u"--json"_s, u"--modcache"_s, m_gomodcache});
    QVERIFY2(r.succeeded(), qPrintable(r.describe()));
    QString error;
    const QJsonObject root = parseObject(r.stdOut, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QVERIFY(root.value(u"gomodcache"_s).isString());
    QVERIFY(isInteger(root.value(u"totalDiskBytes"_s)));
    QVERIFY(root.value(u"versions"_s).isArray());
    QVERIFY(root.value(u"other"_s).isArray());

    const QSet<QString> states{u"complete"_s, u"partial"_s, u"archive-only"_s, u"metadata-only"_s};
    const QJsonArray versions = root.value(u"versions"_s).toArray();
    QVERIFY(!versions.isEmpty());
    for (const QJsonValue &v : versions) {
        QVERIFY(v.isObject());
        const QJsonObject o = v.toObject();
        const QString what = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        QVERIFY2(o.value(u"path"_s).isString() && o.value(u"version"_s).isString(),
                 qPrintable(what));
        QVERIFY2(states.contains(o.value(u"state"_s).toString()), qPrintable(what));
        for (const QString &key : {u"diskBytes"_s, u"apparentBytes"_s, u"files"_s})
            QVERIFY2(isInteger(o.value(key)), qPrintable(key + u" in "_s + what));
        for (const QString &key : {u"downloaded"_s, u"lastUsed"_s})
            QVERIFY2(o.contains(key) && (o.value(key).isString() || o.value(key).isNull()),
                     qPrintable(key + u" in "_s + what));
    }
    const QJsonArray other = root.value(u"other"_s).toArray();
    QVERIFY(!other.isEmpty()); // at least the directories themselves
    const QSet<QString> kinds{u"vcs"_s,      u"sumdb"_s, u"toolchain"_s,
                              u"metadata"_s, u"trash"_s, u"unknown"_s};
    for (const QJsonValue &v : other) {
        const QJsonObject o = v.toObject();
        const QString what = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        QVERIFY2(kinds.contains(o.value(u"kind"_s).toString()), qPrintable(what));
        QVERIFY2(o.value(u"path"_s).isString(), qPrintable(what));
        QVERIFY2(isInteger(o.value(u"diskBytes"_s)), qPrintable(what));
    }
    // Machine output is for machines: nothing else on stdout, nothing on stderr.
    QVERIFY2(r.stdErr.trimmed().isEmpty(), r.stdErr.constData());
}

void CliScanTest::shouldReportEachVersionWithItsStateAndSizeLikeDu()
{
    const ProcessResult r = runCli({u"scan"_s, u"--json"_s, u"--modcache"_s, m_gomodcache});
    QVERIFY2(r.succeeded(), qPrintable(r.describe()));
    QString error;
    const QJsonObject root = parseObject(r.stdOut, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QCOMPARE(root.value(u"gomodcache"_s).toString(), m_gomodcache);
    const Expected<quint64> du = DuRunner::summary(m_gomodcache);
    QVERIFY2(du.ok(), qPrintable(errorText(du)));
    QCOMPARE(quint64(root.value(u"totalDiskBytes"_s).toDouble()), du.value());

    QMap<QString, QString> states;
    quint64 sum = 0;
    for (const QJsonValue &v : root.value(u"versions"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const QString path = o.value(u"path"_s).toString();
        const QString version = o.value(u"version"_s).toString();
        states.insert(path + u'@' + version, o.value(u"state"_s).toString());
        const quint64 disk = quint64(o.value(u"diskBytes"_s).toDouble());
        const Expected<quint64> expected
            = DuRunner::total(versionPaths(m_gomodcache, path, version));
        QVERIFY2(expected.ok(), qPrintable(errorText(expected)));
        QVERIFY2(
            disk == expected.value(),
            qPrintable(path + u'@' + version + u": %1, du %2"_s.arg(disk).arg(expected.value())));
        const QString tree = CacheWriter::treePath(m_gomodcache, path, version);
        const quint64 files = QFileInfo::exists(tree)
                                  ? DuRunner::nonDirectoryEntries(tree).valueOr(~quint64(0))
                                  : 0;
        QCOMPARE(quint64(o.value(u"files"_s).toDouble()), files);
        sum += disk;
    }
    QCOMPARE(states, kExpectedStates);
    for (const QJsonValue &v : root.value(u"other"_s).toArray())
        sum += quint64(v.toObject().value(u"diskBytes"_s).toDouble());
    QCOMPARE(sum, du.value());
}

void CliScanTest::shouldPrintTimesAsUtcIsoOrNull()
{
    const ProcessResult r = runCli({u"scan"_s, u"--json"_s, u"--modcache"_s, m_gomodcache});
    QVERIFY2(r.succeeded(), qPrintable(r.describe()));
    QString error;
    const QJsonObject root = parseObject(r.stdOut, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    static const QRegularExpression iso(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$"_s);
    const bool atimes = CacheScanner::detectAtimeMode(m_gomodcache) != AtimeMode::NoAtime;

    const QJsonArray versions = root.value(u"versions"_s).toArray();
    QCOMPARE(versions.size(), kExpectedStates.size());
    for (const QJsonValue &v : versions) {
        const QJsonObject o = v.toObject();
        const QString path = o.value(u"path"_s).toString();
        const QString version = o.value(u"version"_s).toString();
        auto times = [&](const QString &suffix) {
            return FileTimes::get(CacheWriter::downloadPath(m_gomodcache, path, version, suffix));
        };
        const auto ziphash = times(u".ziphash"_s);
        const auto info = times(u".info"_s);
        const auto mod = times(u".mod"_s);
        QDateTime downloaded;
        if (ziphash)
            downloaded = FileTimes::toDateTime(ziphash->mtime);
        else if (info)
            downloaded = FileTimes::toDateTime(info->mtime);
        QDateTime lastUsed;
        for (const auto &t : {ziphash, info, mod})
            if (atimes && t && (!lastUsed.isValid() || FileTimes::toDateTime(t->atime) > lastUsed))
                lastUsed = FileTimes::toDateTime(t->atime);

        for (const auto &[key, expected] :
             {std::pair{u"downloaded"_s, downloaded}, std::pair{u"lastUsed"_s, lastUsed}}) {
            const QJsonValue value = o.value(key);
            const QString what = path + u'@' + version + u' ' + key + u": "_s + value.toString();
            if (!expected.isValid()) {
                QVERIFY2(value.isNull(), qPrintable(what));
                continue;
            }
            QVERIFY2(iso.match(value.toString()).hasMatch(), qPrintable(what));
            const QDateTime printed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
            QVERIFY2(printed.isValid() && printed.timeSpec() == Qt::UTC, qPrintable(what));
            QVERIFY2(printed == expected,
                     qPrintable(what + u", expected "_s + expected.toString(Qt::ISODate)));
        }
    }
}

void CliScanTest::shouldPrintAHumanTableByDefault()
{
    const ProcessResult r = runCli({u"scan"_s, u"--modcache"_s, m_gomodcache});
    QVERIFY2(r.succeeded(), qPrintable(r.describe()));
    const QString out = QString::fromUtf8(r.stdOut);
    for (const QString &key : kExpectedStates.keys()) {
        QVERIFY2(out.contains(key.section(u'@', 0, 0)),
                 qPrintable(key + u" missing from:\n"_s + out));
        QVERIFY2(out.contains(key.section(u'@', 1)), qPrintable(key + u" missing from:\n"_s + out));
    }
    QVERIFY2(out.contains(u"KiB"_s), qPrintable(out));
    QVERIFY2(!out.trimmed().startsWith(u'{'), "the default output is a table, not JSON");
}

void CliScanTest::shouldPrintUsageOnHelp_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("scan --help") << QStringList{u"scan"_s, u"--help"_s} << u"--modcache"_s;
    QTest::newRow("--help") << QStringList{u"--help"_s} << u"scan"_s;
}

void CliScanTest::shouldPrintUsageOnHelp()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const ProcessResult r = runCli(args);
    QVERIFY2(r.succeeded(), qPrintable(r.describe()));
    const QString out = QString::fromUtf8(r.stdOut);
    QVERIFY2(out.contains(u"usage"_s, Qt::CaseInsensitive), qPrintable(out));
    QVERIFY2(out.contains(mentions), qPrintable(out));
}

void CliScanTest::shouldExitWithUsageErrorOnBadArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s};
    QTest::newRow("unknown option") << QStringList{u"scan"_s, u"--bogus"_s};
    QTest::newRow("option without its value") << QStringList{u"scan"_s, u"--modcache"_s};
    QTest::newRow("stray argument") << QStringList{u"scan"_s, u"extra"_s};
}

void CliScanTest::shouldExitWithUsageErrorOnBadArguments()
{
    QFETCH(QStringList, args);
    const ProcessResult r = runCli(args);
    QVERIFY2(r.started && !r.timedOut && !r.crashed, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(!r.stdErr.trimmed().isEmpty(), "a usage error says what is wrong on stderr");
}

void CliScanTest::shouldFailNamingTheCacheWhenItIsMissing()
{
    const QString missing = m_scratch->filePath(u"no/such/modcache"_s);
    for (const QStringList &args :
         {QStringList{u"scan"_s, u"--modcache"_s, missing},
          QStringList{u"scan"_s, u"--json"_s, u"--modcache"_s, missing}}) {
        const ProcessResult r = runCli(args);
        QVERIFY2(r.started && !r.timedOut && !r.crashed, qPrintable(r.describe()));
        QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.stdErr).contains(missing), qPrintable(r.describe()));
        QVERIFY(!QFileInfo::exists(missing));
    }
}

void CliScanTest::shouldScanTheResolvedGomodcacheWithoutTheOption_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("GOMODCACHE in the environment") << u"GOMODCACHE"_s;
    QTest::newRow("GOPATH in the environment") << u"GOPATH"_s;
    QTest::newRow("default under HOME") << u"HOME"_s;
    QTest::newRow("GOMODCACHE in the go env file") << u"envfile"_s;
}

void CliScanTest::shouldScanTheResolvedGomodcacheWithoutTheOption()
{
    QFETCH(QString, how);
    // Every row resolves to m_gomodcache ($HOME/go/pkg/mod) by a different route; the other
    // rows point HOME at a directory without a go tree, so a wrong route finds nothing.
    QProcessEnvironment env;
    env.insert(u"PATH"_s, QFileInfo(GoTool::go123()).absolutePath() + u":/usr/bin:/bin"_s);
    env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    ScratchDir configHome(u"tst_cli_scan-config"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, configHome.path());
    if (how == u"GOMODCACHE") {
        env.insert(u"HOME"_s, m_emptyHome);
        env.insert(u"GOMODCACHE"_s, m_gomodcache);
    } else if (how == u"GOPATH") {
        env.insert(u"HOME"_s, m_emptyHome);
        env.insert(u"GOPATH"_s, m_home + u"/go"_s);
    } else if (how == u"HOME") {
        env.insert(u"HOME"_s, m_home);
    } else {
        env.insert(u"HOME"_s, m_emptyHome);
        QVERIFY(writeFile(configHome.path() + u"/go/env"_s,
                          "GOMODCACHE=" + m_gomodcache.toUtf8() + "\n"));
    }
    const ProcessResult r = runCli({u"scan"_s, u"--json"_s}, env);
    QVERIFY2(r.succeeded(), qPrintable(r.describe()));
    QString error;
    const QJsonObject root = parseObject(r.stdOut, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(root.value(u"gomodcache"_s).toString(), m_gomodcache);
    QCOMPARE(root.value(u"versions"_s).toArray().size(), kExpectedStates.size());
}

void CliScanTest::shouldRefuseARelativeGomodcacheLikeGo()
{
    // go: "GOMODCACHE entry is relative; must be absolute path" (go-cache-internals.md §1.1, A8).
    QProcessEnvironment env = baseEnvironment();
    env.remove(u"GOENV"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, m_emptyHome + u"/.config"_s);
    env.insert(u"GOMODCACHE"_s, u"relative/modcache"_s);
    const ProcessResult r = runCli({u"scan"_s, u"--json"_s}, env);
    QVERIFY2(r.started && !r.timedOut && !r.crashed, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(QString::fromUtf8(r.stdErr).contains(u"GOMODCACHE"_s), qPrintable(r.describe()));
    QVERIFY(!QFileInfo::exists(m_scratch->filePath(u"relative"_s)));
}

QTEST_GUILESS_MAIN(CliScanTest)
#include "tst_cli_scan.moc"
