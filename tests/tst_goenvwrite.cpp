// SPDX-License-Identifier: GPL-3.0-or-later
// Writing the go env file (GoEnvWriter, ProxySwitcher, `modkeeper-cli proxy use`) with the real
// go 1.19 and 1.23 as judges: the bytes must be what `go env -w` / `go env -u` write, and
// `go env -json` must read the values back. Every HOME, XDG dir and GOENV is a temporary one.
#include <sys/stat.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include "GoTool.h"
#include "ScratchDir.h"
#include "Subprocess.h"
#include "common/AtomicFile.h"
#include "env/GoEnvWriter.h"
#include "proxy/ProxyEnvState.h"
#include "proxy/ProxyPreset.h"
#include "proxy/ProxySwitcher.h"

using namespace Qt::StringLiterals;
using mk::GoEnvWriter;
using mk::test::GoTool;

namespace {

const QByteArray initialContent = "# my go settings\n"
                                  "GOFLAGS=-modcacherw\n"
                                  "GONOSUMDB=x y\n"
                                  "\n"
                                  "GOPRIVATE=old.example.com\n"
                                  "lowercase=ignored by go\n"
                                  "GOSUMDB=sum.golang.org\n";

// A HOME for one go: PATH finds that go, nothing else of ours leaks in.
QProcessEnvironment homeEnvironment(const QString &go, const QString &home)
{
    QProcessEnvironment env
        = GoTool::isolatedEnvironment(go, home, home + u"/modcache"_s, QString());
    for (const QString &k : {u"GOENV"_s, u"GOPROXY"_s, u"GOSUMDB"_s, u"GONOSUMDB"_s, u"GONOPROXY"_s,
                             u"GOPRIVATE"_s, u"GOINSECURE"_s, u"GOFLAGS"_s})
        env.remove(k);
    return env;
}

mk::GoEnvInputs inputsFor(const QProcessEnvironment &env)
{
    QHash<QString, QString> h;
    const QStringList keys = env.keys();
    for (const QString &k : keys)
        h.insert(k, env.value(k));
    return mk::GoEnvInputs::fromEnvironment(h, mk::Platform::Linux);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QJsonObject goEnvJson(const QString &go, const QProcessEnvironment &env, const QString &workDir)
{
    const mk::test::ProcessResult r = GoTool::run(go, {u"env"_s, u"-json"_s}, env, workDir);
    return QJsonDocument::fromJson(r.stdOut).object();
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(it.next());
    out.sort();
    return out;
}

} // namespace

class GoEnvWriteTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldWriteWhatGoEnvWriteWrites_data();
    void shouldWriteWhatGoEnvWriteWrites();
    void shouldCreateTheDirectoryAndKeepModes();
    void shouldFollowSymlinkedEnvFile();
    void shouldRefuseGoenvOff();
    void shouldRejectInvalidValuesBeforeWriting_data();
    void shouldRejectInvalidValuesBeforeWriting();
    void shouldDetectEnvironmentOverrides();
    void shouldSwitchPresetForNewShells_data();
    void shouldSwitchPresetForNewShells();

private:
    mk::test::ScratchDir m_dir{u"goenvwrite"_s};
};

void GoEnvWriteTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void GoEnvWriteTest::shouldWriteWhatGoEnvWriteWrites_data()
{
    QTest::addColumn<QString>("go");
    QTest::newRow("go1.19") << GoTool::go119();
    QTest::newRow("go1.23") << GoTool::go123();
}

void GoEnvWriteTest::shouldWriteWhatGoEnvWriteWrites()
{
    QFETCH(QString, go);
    mk::test::ScratchDir ours(u"goenv-ours"_s);
    mk::test::ScratchDir theirs(u"goenv-go"_s);
    const QProcessEnvironment ourEnv = homeEnvironment(go, ours.path());
    const QProcessEnvironment goEnv = homeEnvironment(go, theirs.path());
    const QString ourFile = ours.path() + u"/.config/go/env"_s;
    const QString goFile = theirs.path() + u"/.config/go/env"_s;
    QVERIFY(writeFile(ourFile, initialContent));
    QVERIFY(writeFile(goFile, initialContent));

    const QString goproxy = u"https://proxy.corp.example.com|https://goproxy.cn,direct"_s;
    const QString goprivate = u"*.corp.example.com,rsc.io/private"_s;
    const mk::Expected<mk::GoEnvWriteResult> r = GoEnvWriter::write(
        inputsFor(ourEnv), {{u"GOPROXY"_s, goproxy.toUtf8()}, {u"GOPRIVATE"_s, goprivate.toUtf8()}},
        {u"GONOSUMDB"_s});
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r->path, ourFile);
    QVERIFY(r->changed);

    // The same edit by go itself, on an identical file.
    const mk::test::ProcessResult w
        = GoTool::run(go, {u"env"_s, u"-w"_s, u"GOPROXY="_s + goproxy, u"GOPRIVATE="_s + goprivate},
                      goEnv, theirs.path());
    QVERIFY2(w.succeeded(), qPrintable(w.describe()));
    const mk::test::ProcessResult u
        = GoTool::run(go, {u"env"_s, u"-u"_s, u"GONOSUMDB"_s}, goEnv, theirs.path());
    QVERIFY2(u.succeeded(), qPrintable(u.describe()));
    QCOMPARE(readAll(ourFile), readAll(goFile));

    // Unrelated lines are still there, byte for byte.
    const QByteArray content = readAll(ourFile);
    for (const QByteArray &line :
         {QByteArray("# my go settings\n"), QByteArray("GOFLAGS=-modcacherw\n"),
          QByteArray("lowercase=ignored by go\n"), QByteArray("GOSUMDB=sum.golang.org\n")})
        QVERIFY2(content.contains(line), content.constData());
    QVERIFY(!content.contains("GONOSUMDB"));

    // And go reads back what was written.
    const QJsonObject json = goEnvJson(go, ourEnv, ours.path());
    QCOMPARE(json.value(u"GOPROXY"_s).toString(), goproxy);
    QCOMPARE(json.value(u"GOPRIVATE"_s).toString(), goprivate);
    QCOMPARE(json.value(u"GONOSUMDB"_s).toString(), goprivate); // back to following GOPRIVATE
    QCOMPARE(json.value(u"GOFLAGS"_s).toString(), u"-modcacherw"_s);
    QCOMPARE(r->stored.value(u"GOPROXY"_s), goproxy);
    QCOMPARE(r->after.value(u"GOPROXY"_s), goproxy);

    // Writing the same values again changes nothing.
    const mk::Expected<mk::GoEnvWriteResult> again
        = GoEnvWriter::write(inputsFor(ourEnv), {{u"GOPROXY"_s, goproxy.toUtf8()}});
    QVERIFY(again.ok());
    QVERIFY(!again->changed);
    QCOMPARE(readAll(ourFile), readAll(goFile));
}

void GoEnvWriteTest::shouldCreateTheDirectoryAndKeepModes()
{
    mk::test::ScratchDir home(u"goenv-new"_s);
    mk::test::ScratchDir goHome(u"goenv-new-go"_s);
    const QProcessEnvironment env = homeEnvironment(GoTool::go123(), home.path());
    const QString file = home.path() + u"/.config/go/env"_s;
    QVERIFY(!QFileInfo::exists(QFileInfo(file).path()));
    QVERIFY(GoEnvWriter::write(inputsFor(env), {{u"GOPROXY"_s, "https://goproxy.cn,direct"}}).ok());
    QCOMPARE(readAll(file), QByteArray("GOPROXY=https://goproxy.cn,direct\n"));

    // A new file gets go's mode (0666 less the umask); go creates its own for comparison.
    const QProcessEnvironment goEnv = homeEnvironment(GoTool::go123(), goHome.path());
    QVERIFY(GoTool::run(GoTool::go123(),
                        {u"env"_s, u"-w"_s, u"GOPROXY=https://goproxy.cn,direct"_s}, goEnv,
                        goHome.path())
                .succeeded());
    struct stat ours
    { };
    struct stat theirs
    { };
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &ours), 0);
    QCOMPARE(::stat(QFile::encodeName(goHome.path() + u"/.config/go/env"_s).constData(), &theirs),
             0);
    QCOMPARE(ours.st_mode & 07777, theirs.st_mode & 07777);

    // An existing file keeps its mode; no temporary file is left behind.
    QVERIFY(::chmod(QFile::encodeName(file).constData(), 0640) == 0);
    QVERIFY(GoEnvWriter::write(inputsFor(env), {{u"GOPRIVATE"_s, "x.example.com"}}).ok());
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &ours), 0);
    QCOMPARE(ours.st_mode & 07777, mode_t(0640));
    QCOMPARE(QDir(QFileInfo(file).path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"env"_s});
}

void GoEnvWriteTest::shouldFollowSymlinkedEnvFile()
{
    mk::test::ScratchDir home(u"goenv-link"_s);
    const QString real = home.path() + u"/dotfiles/go-env"_s;
    QVERIFY(writeFile(real, "GOFLAGS=-mod=mod\n"));
    QDir().mkpath(home.path() + u"/.config/go"_s);
    const QString link = home.path() + u"/.config/go/env"_s;
    QVERIFY(QFile::link(u"../../dotfiles/go-env"_s, link));
    const QProcessEnvironment env = homeEnvironment(GoTool::go119(), home.path());
    QVERIFY(GoEnvWriter::write(inputsFor(env), {{u"GOPROXY"_s, "off"}}).ok());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readAll(real), QByteArray("GOFLAGS=-mod=mod\nGOPROXY=off\n"));
    QCOMPARE(goEnvJson(GoTool::go119(), env, home.path()).value(u"GOPROXY"_s).toString(), u"off"_s);
}

void GoEnvWriteTest::shouldRefuseGoenvOff()
{
    mk::test::ScratchDir home(u"goenv-off"_s);
    QProcessEnvironment env = homeEnvironment(GoTool::go123(), home.path());
    env.insert(u"GOENV"_s, u"off"_s);
    const mk::Expected<mk::GoEnvWriteResult> r
        = GoEnvWriter::write(inputsFor(env), {{u"GOPROXY"_s, "https://goproxy.cn,direct"}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().subject, u"GOENV=off"_s);
    QVERIFY2(r.error().message.contains(u"disabled by GOENV=off"_s), qPrintable(r.error().message));
    QCOMPARE(filesUnder(home.path()), QStringList());

    // The same through the preset switcher and the CLI.
    const mk::Expected<mk::ProxyApplyPlan> plan
        = mk::ProxySwitcher::plan(mk::ProxyPreset::builtIns().at(1), inputsFor(env));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().subject, u"GOENV=off"_s);
    const mk::test::ProcessResult cli = mk::test::Subprocess::run(
        QStringLiteral(MODKEEPER_CLI), {u"proxy"_s, u"use"_s, u"goproxy.cn"_s}, env, home.path());
    QCOMPARE(cli.exitCode, 1);
    QVERIFY2(cli.stdErr.contains("GOENV=off"), cli.stdErr.constData());
    QStringList leftovers = filesUnder(home.path());
    leftovers.removeIf([](const QString &f) { return f.contains(u"/.config/ModKeeper/"_s); });
    QCOMPARE(leftovers, QStringList());
}

void GoEnvWriteTest::shouldRejectInvalidValuesBeforeWriting_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("value");

    struct Row
    {
        const char *name;
        const char *key;
        QByteArray value;
    };
    const QList<Row> rows = {
        {"newline", "GOPROXY", QByteArray("https://a.example\nGOSUMDB=off")},
        {"carriage return", "GOPRIVATE", QByteArray("a.example\r")},
        {"NUL", "GOPROXY", QByteArray("https://a.example\0x", 18)},
        {"invalid UTF-8", "GONOSUMDB", QByteArray("a\xff.example")},
        {"unknown key", "GOPROXYY", QByteArray("off")},
        {"relative GOMODCACHE", "GOMODCACHE", QByteArray("rel/dir")},
        {"GOENV itself", "GOENV", QByteArray("/tmp/x")},
    };
    for (const QString &go : {GoTool::go119(), GoTool::go123()}) {
        for (const Row &r : rows)
            QTest::addRow("%s %s", qPrintable(GoTool::label(go)), r.name)
                << go << QString::fromLatin1(r.key) << r.value;
    }
}

void GoEnvWriteTest::shouldRejectInvalidValuesBeforeWriting()
{
    QFETCH(QString, go);
    QFETCH(QString, key);
    QFETCH(QByteArray, value);
    mk::test::ScratchDir home(u"goenv-invalid"_s);
    const QProcessEnvironment env = homeEnvironment(go, home.path());
    const QString file = home.path() + u"/.config/go/env"_s;
    QVERIFY(writeFile(file, initialContent));
    struct stat before
    { };
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &before), 0);

    const mk::Expected<mk::GoEnvWriteResult> r
        = GoEnvWriter::write(inputsFor(env), {{u"GOPROXY"_s, "https://goproxy.cn"}, {key, value}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().subject, key);
    QCOMPARE(readAll(file), initialContent);
    struct stat after
    { };
    QCOMPARE(::stat(QFile::encodeName(file).constData(), &after), 0);
    QCOMPARE(after.st_ino, before.st_ino); // not even replaced by an identical copy
    QCOMPARE(QDir(QFileInfo(file).path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"env"_s});

    // go refuses the same value with the same words. QProcess takes arguments as QString,
    // so the values that are not valid UTF-8 or hold NUL cannot be handed to go this way.
    if (value.contains('\0') || QString::fromUtf8(value).toUtf8() != value)
        return;
    const mk::test::ProcessResult w = GoTool::run(
        go, {u"env"_s, u"-w"_s, key + u'=' + QString::fromUtf8(value)}, env, home.path());
    QCOMPARE(w.exitCode, 1);
    QCOMPARE(QString::fromUtf8(w.stdErr).trimmed(), u"go: "_s + r.error().message);
}

void GoEnvWriteTest::shouldDetectEnvironmentOverrides()
{
    mk::test::ScratchDir home(u"goenv-override"_s);
    QProcessEnvironment env = homeEnvironment(GoTool::go123(), home.path());
    env.insert(u"GOPROXY"_s, u"direct"_s);
    env.insert(u"GONOSUMDB"_s, u"from.env.example"_s);
    env.insert(u"GOPRIVATE"_s, QString()); // empty counts as unset
    const mk::GoEnvInputs inputs = inputsFor(env);

    mk::ProxyPreset corp;
    corp.name = u"corp"_s;
    corp.goproxy = u"https://goproxy.cn,direct"_s;
    corp.goprivate = u"*.corp.example.com"_s;
    const mk::Expected<mk::ProxyApplyPlan> plan = mk::ProxySwitcher::plan(corp, inputs);
    QVERIFY(plan.ok());
    QStringList predicted;
    for (const mk::ProxyEnvState::Override &o : plan->overrides)
        predicted.append(o.name);
    QCOMPARE(predicted, (QStringList{u"GOPROXY"_s, u"GONOSUMDB"_s}));

    const mk::ProxyApplyResult result = mk::ProxySwitcher::apply(*plan, inputs);
    QVERIFY2(result.ok(), qPrintable(result.error.toString()));
    QCOMPARE(result.overrides.size(), 2);
    const mk::ProxyEnvState::Override o = result.overrides.first();
    QCOMPARE(o.name, u"GOPROXY"_s);
    QCOMPARE(o.environmentValue, u"direct"_s);
    QCOMPARE(o.storedValue.value_or(QString()), u"https://goproxy.cn,direct"_s);
    QVERIFY2(o.explanation.contains(u"unset GOPROXY"_s), qPrintable(o.explanation));
    QVERIFY(
        result.overrides.at(1).explanation.contains(u"stops GONOSUMDB from following GOPRIVATE"_s));

    const mk::ProxyEnvState::Variable v = result.state.variable(u"GOPROXY"_s);
    QCOMPARE(v.effective, u"direct"_s);
    QVERIFY(v.origin == mk::EnvOrigin::Environment);
    QCOMPARE(v.stored.value_or(QString()), u"https://goproxy.cn,direct"_s);
    // GOPRIVATE= in the environment is empty, so the file wins there.
    QVERIFY(result.state.variable(u"GOPRIVATE"_s).origin == mk::EnvOrigin::EnvFile);

    // go agrees on the effective values and prints the same warning.
    const QJsonObject json = goEnvJson(GoTool::go123(), env, home.path());
    QCOMPARE(json.value(u"GOPROXY"_s).toString(), v.effective);
    QCOMPARE(json.value(u"GOPRIVATE"_s).toString(), u"*.corp.example.com"_s);
    QCOMPARE(json.value(u"GONOSUMDB"_s).toString(), u"from.env.example"_s);
    const mk::test::ProcessResult w
        = GoTool::run(GoTool::go123(), {u"env"_s, u"-w"_s, u"GOPROXY=https://goproxy.cn,direct"_s},
                      env, home.path());
    QVERIFY(w.succeeded());
    QCOMPARE(QString::fromUtf8(w.stdErr).trimmed(), result.goWarnings.value(0));
}

void GoEnvWriteTest::shouldSwitchPresetForNewShells_data()
{
    QTest::addColumn<QString>("go");
    QTest::newRow("go1.19") << GoTool::go119();
    QTest::newRow("go1.23") << GoTool::go123();
}

void GoEnvWriteTest::shouldSwitchPresetForNewShells()
{
    QFETCH(QString, go);
    mk::test::ScratchDir home(u"goenv-use"_s);
    const QProcessEnvironment env = homeEnvironment(go, home.path());
    QVERIFY(writeFile(home.path() + u"/.config/go/env"_s, initialContent));

    for (const QString &preset : {u"goproxy.cn"_s, u"aliyun"_s, u"off"_s, u"proxy.golang.org"_s}) {
        const mk::test::ProcessResult use = mk::test::Subprocess::run(
            QStringLiteral(MODKEEPER_CLI), {u"proxy"_s, u"use"_s, preset}, env, home.path());
        QVERIFY2(use.succeeded(), qPrintable(use.describe()));
        // "A new shell": a fresh go process with the same HOME and nothing else set.
        const mk::test::ProcessResult shown
            = GoTool::run(go, {u"env"_s, u"GOPROXY"_s}, env, home.path());
        QVERIFY(shown.succeeded());
        QString expected;
        for (const mk::ProxyPreset &p : mk::ProxyPreset::builtIns()) {
            if (p.name == preset)
                expected = p.goproxy;
        }
        QCOMPARE(QString::fromUtf8(shown.stdOut).trimmed(), expected);
        const mk::test::ProcessResult list = mk::test::Subprocess::run(
            QStringLiteral(MODKEEPER_CLI), {u"proxy"_s, u"list"_s, u"--json"_s}, env, home.path());
        QCOMPARE(QJsonDocument::fromJson(list.stdOut).object().value(u"active"_s).toString(),
                 preset);
    }
    const QByteArray content = readAll(home.path() + u"/.config/go/env"_s);
    QVERIFY(content.startsWith("# my go settings\nGOFLAGS=-modcacherw\n"));
    QVERIFY(content.contains("GONOSUMDB=x y\n"));
}

QTEST_GUILESS_MAIN(GoEnvWriteTest)
#include "tst_goenvwrite.moc"
