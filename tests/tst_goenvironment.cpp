// SPDX-License-Identifier: GPL-3.0-or-later
// GoEnvironment: (a) resolution with simulated machines (Linux, macOS, Windows, several go
// releases), (b) the same resolution compared with the real `go env -json` of go1.19 and
// go1.23 in sealed environments, and (c) the `modkeeper-cli env` command.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "cli/CliContext.h"
#include "cli/EnvCommand.h"
#include "env/GoEnvironment.h"
#include "env/GoFilePath.h"

using namespace Qt::StringLiterals;
using mk::EnvOrigin;
using mk::GoEnvInputs;
using mk::GoEnvironment;
using mk::Platform;

namespace {

// A simulated machine: environment, files, and the go found on PATH.
struct FakeMachine
{
    Platform platform = Platform::Linux;
    QHash<QString, QString> env;
    QHash<QString, QByteArray> files;
    QString goExe;

    FakeMachine &withGo(const QString &goroot, const QByteArray &version,
                        const QByteArray &goEnv = {})
    {
        const QString sep = platform == Platform::Windows ? u"\\"_s : u"/"_s;
        goExe = goroot + sep + u"bin"_s + sep
                + (platform == Platform::Windows ? u"go.exe"_s : u"go"_s);
        files.insert(goroot + sep + u"VERSION"_s, version);
        if (!goEnv.isNull())
            files.insert(goroot + sep + u"go.env"_s, goEnv);
        return *this;
    }
    FakeMachine &withGo119() { return withGo(u"/usr/lib/go-1.19"_s, "go1.19.8"_ba); }
    FakeMachine &withGo123(const QByteArray &goEnv
                           = "GOPROXY=https://proxy.golang.org,direct\n"
                             "GOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n"_ba)
    {
        return withGo(u"/usr/lib/go-1.23"_s, "go1.23.5\ntime 2025-01-10T16:44:59Z\n"_ba, goEnv);
    }

    [[nodiscard]] GoEnvInputs inputs() const
    {
        GoEnvInputs in;
        in.platform = platform;
        in.environment = env;
        const QHash<QString, QByteArray> f = files;
        in.readFile = [f](const QString &path) -> std::optional<QByteArray> {
            if (const auto it = f.constFind(path); it != f.constEnd())
                return *it;
            return std::nullopt;
        };
        const QString exe = goExe;
        in.findGoExecutable = [exe](const QHash<QString, QString> &) { return exe; };
        return in;
    }
    [[nodiscard]] GoEnvironment resolve() const { return GoEnvironment::resolve(inputs()); }
};

const QByteArray defaultGoEnv
    = "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n"_ba;

} // namespace

// Checks one variable: value, origin and (when given) go's complaint about it.
#define CHECK_VAR(env, name, expValue, expOrigin, expError) \
    do { \
        const GoEnvironment::Variable v_ = (env).variable(QString::fromLatin1(name)); \
        QCOMPARE(v_.value, QString(expValue)); \
        QCOMPARE(mk::toString(v_.origin), mk::toString(expOrigin)); \
        QCOMPARE(v_.error.message, QString(expError)); \
    } while (false)

class TestGoEnvironment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // (a) simulated machines
    void shouldUseLinuxDefaults();
    void shouldFollowXdgDirectories();
    void shouldHonourGoenvOffAndCustomPath();
    void shouldTreatEmptyOsValuesAsUnset();
    void shouldTakeValuesFromTheEnvFile();
    void shouldLayerGoRootGoEnvFrom121();
    void shouldIgnoreGoRootGoEnvBefore121();
    void shouldUseOldDefaultsWithoutGo();
    void shouldDeriveModcacheFromFirstGopathEntry();
    void shouldReportRelativeAndTildePaths();
    void shouldReportMissingHome();
    void shouldTurnRelativeGocacheOff();
    void shouldResolveGorootPerRelease();
    void shouldRejectRelativeXdgOnlyFrom124();
    void shouldWarnWhenGopathIsGoroot();
    void shouldUseMacosLocations();
    void shouldUseWindowsLocations();
    void shouldParseGoVersions();
    void shouldProduceTheDocumentedJson();
    void shouldFindGoOnPathThroughSymlinks();
    void shouldHandlePathsLikeFilepath_data();
    void shouldHandlePathsLikeFilepath();
    void shouldReadModCacheRwAsGoDoes_data();
    void shouldReadModCacheRwAsGoDoes();
    void shouldReadModCacheRwFromTheResolvedGoflags();

    // (b) the real go
    void shouldAgreeWithRealGoEnv_data();
    void shouldAgreeWithRealGoEnv();

    // (c) the CLI command
    void shouldPrintOneLinePerVariable();
    void shouldPrintJson();
    void shouldRejectUnknownOptions();
};

void TestGoEnvironment::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QFileInfo(QLatin1String(MODKEEPER_GO119)).isExecutable());
    QVERIFY(QFileInfo(QLatin1String(MODKEEPER_GO123)).isExecutable());
}

// ---- (a) simulated machines -----------------------------------------------------------

void TestGoEnvironment::shouldUseLinuxDefaults()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"PATH"_s, u"/usr/bin"_s}};
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.goroot(), u"/usr/lib/go-1.19"_s);
    QCOMPARE(env.goVersion(), u"go1.19.8"_s);
    QCOMPARE(env.goMinor(), 19);
    QCOMPARE(env.envFile(), u"/home/u/.config/go/env"_s);
    CHECK_VAR(env, "GOPATH", u"/home/u/go"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOMODCACHE", u"/home/u/go/pkg/mod"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOCACHE", u"/home/u/.cache/go-build"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOENV", u"/home/u/.config/go/env"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOPROXY", u"https://proxy.golang.org,direct"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOSUMDB", u"sum.golang.org"_s, EnvOrigin::Default, QString());
    for (const char *name :
         {"GONOPROXY", "GONOSUMDB", "GOPRIVATE", "GOINSECURE", "GOFLAGS", "GOTOOLCHAIN"})
        CHECK_VAR(env, name, QString(), EnvOrigin::Unset, QString());
    QCOMPARE(env.gomodcache().value(), u"/home/u/go/pkg/mod"_s);
    QCOMPARE(env.gocache().value(), u"/home/u/.cache/go-build"_s);
    QCOMPARE(env.variables().size(), GoEnvironment::knownNames().size());
    QCOMPARE(env.variables().first().name, u"GOPATH"_s);
    QCOMPARE(env.variables().last().name, u"GOTOOLCHAIN"_s);
}

void TestGoEnvironment::shouldFollowXdgDirectories()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s},
             {u"XDG_CONFIG_HOME"_s, u"/xdg/cfg/"_s},
             {u"XDG_CACHE_HOME"_s, u"/xdg/cache"_s}};
    m.files.insert(u"/xdg/cfg/go/env"_s, "GOFLAGS=-modcacherw\n"_ba);
    m.files.insert(u"/home/u/.config/go/env"_s, "GOFLAGS=-wrong-file\n"_ba);
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.envFile(), u"/xdg/cfg/go/env"_s); // cleaned, as filepath.Join does
    CHECK_VAR(env, "GOENV", u"/xdg/cfg/go/env"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOCACHE", u"/xdg/cache/go-build"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOFLAGS", u"-modcacherw"_s, EnvOrigin::EnvFile, QString());
    // An empty XDG variable counts as unset.
    m.env.insert(u"XDG_CONFIG_HOME"_s, QString());
    CHECK_VAR(m.resolve(), "GOFLAGS", u"-wrong-file"_s, EnvOrigin::EnvFile, QString());
}

void TestGoEnvironment::shouldHonourGoenvOffAndCustomPath()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOENV"_s, u"off"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s, "GOPROXY=file-proxy\n"_ba);
    m.files.insert(u"/etc/custom-env"_s, "GOPROXY=custom-proxy\n"_ba);
    GoEnvironment env = m.resolve();
    QCOMPARE(env.envFile(), QString());
    CHECK_VAR(env, "GOENV", QString(), EnvOrigin::Environment, QString());
    CHECK_VAR(env, "GOPROXY", u"https://proxy.golang.org,direct"_s, EnvOrigin::Default, QString());

    m.env.insert(u"GOENV"_s, u"/etc/custom-env"_s);
    env = m.resolve();
    QCOMPARE(env.envFile(), u"/etc/custom-env"_s);
    CHECK_VAR(env, "GOENV", u"/etc/custom-env"_s, EnvOrigin::Environment, QString());
    CHECK_VAR(env, "GOPROXY", u"custom-proxy"_s, EnvOrigin::EnvFile, QString());

    // GOENV=off also switches off a GOROOT set in the file: nothing is read.
    m.env.insert(u"GOENV"_s, QString());
    CHECK_VAR(m.resolve(), "GOPROXY", u"file-proxy"_s, EnvOrigin::EnvFile, QString());
}

void TestGoEnvironment::shouldTreatEmptyOsValuesAsUnset()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s},
             {u"GOPROXY"_s, QString()},
             {u"GOFLAGS"_s, QString()},
             {u"GOPATH"_s, QString()},
             {u"GOMODCACHE"_s, QString()},
             {u"GOCACHE"_s, QString()},
             {u"GOINSECURE"_s, u"os.example.com"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s,
                   "GOPROXY=https://file.example.com\nGOFLAGS=-mod=mod\n"
                   "GOINSECURE=file.example.com\n"_ba);
    const GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOPROXY", u"https://file.example.com"_s, EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOFLAGS", u"-mod=mod"_s, EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOPATH", u"/home/u/go"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOMODCACHE", u"/home/u/go/pkg/mod"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOCACHE", u"/home/u/.cache/go-build"_s, EnvOrigin::Default, QString());
    // A non-empty OS value wins over the file.
    CHECK_VAR(env, "GOINSECURE", u"os.example.com"_s, EnvOrigin::Environment, QString());
}

void TestGoEnvironment::shouldTakeValuesFromTheEnvFile()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s,
                   "GOPROXY=https://a.example.com|https://b.example.com,direct\n"
                   "GOPRIVATE=*.corp.example.com,rsc.io/private\n"
                   "GOFLAGS=-modcacherw\n"
                   "GOMODCACHE=/cache/mod\n"
                   "GONOSUMDB=x y\n"
                   "goinsecure=ignored\n"
                   "GOSUMDB=\n"_ba);
    const GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOPROXY", u"https://a.example.com|https://b.example.com,direct"_s,
              EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOPRIVATE", u"*.corp.example.com,rsc.io/private"_s, EnvOrigin::EnvFile,
              QString());
    CHECK_VAR(env, "GOFLAGS", u"-modcacherw"_s, EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOMODCACHE", u"/cache/mod"_s, EnvOrigin::EnvFile, QString());
    // GONOPROXY follows GOPRIVATE (a derived value: Default); GONOSUMDB is set itself.
    CHECK_VAR(env, "GONOPROXY", u"*.corp.example.com,rsc.io/private"_s, EnvOrigin::Default,
              QString());
    CHECK_VAR(env, "GONOSUMDB", u"x y"_s, EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOINSECURE", QString(), EnvOrigin::Unset, QString());
    // go1.19: an empty file value falls back to the built-in default.
    CHECK_VAR(env, "GOSUMDB", u"sum.golang.org"_s, EnvOrigin::Default, QString());
    QCOMPARE(env.gomodcache().value(), u"/cache/mod"_s);
    // GOPRIVATE from the OS environment is followed the same way.
    m.env.insert(u"GOPRIVATE"_s, u"os.example.com"_s);
    CHECK_VAR(m.resolve(), "GONOPROXY", u"os.example.com"_s, EnvOrigin::Default, QString());
}

void TestGoEnvironment::shouldLayerGoRootGoEnvFrom121()
{
    FakeMachine m;
    // A distribution may edit go.env: its values are read, never assumed.
    m.withGo123(
        "# comment\nGOPROXY=https://distro.example.com,direct\nGOSUMDB=sum.distro.example.com\n"
        "GOTOOLCHAIN=local\nGOFLAGS=-from-go.env\n"_ba);
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s, "GOSUMDB=off\nGOFLAGS=\n"_ba);
    GoEnvironment env = m.resolve();
    QCOMPARE(env.goMinor(), 23);
    QCOMPARE(env.goVersion(), u"go1.23.5"_s);
    QCOMPARE(env.goEnvFile(), u"/usr/lib/go-1.23/go.env"_s);
    CHECK_VAR(env, "GOPROXY", u"https://distro.example.com,direct"_s, EnvOrigin::GoRootEnv,
              QString());
    CHECK_VAR(env, "GOSUMDB", u"off"_s, EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOTOOLCHAIN", u"local"_s, EnvOrigin::GoRootEnv, QString());
    // A key present in the user file hides go.env, even with an empty value.
    CHECK_VAR(env, "GOFLAGS", QString(), EnvOrigin::EnvFile, QString());
    QVERIFY(env.keysInFiles().contains(u"GOTOOLCHAIN"_s));

    // The user file's empty GOPROXY hides go.env, and go1.23's compiled-in default is empty.
    m.files.insert(u"/home/u/.config/go/env"_s, "GOPROXY=\n"_ba);
    CHECK_VAR(m.resolve(), "GOPROXY", QString(), EnvOrigin::EnvFile, QString());
    // The OS environment still beats both files.
    m.env.insert(u"GOPROXY"_s, u"off"_s);
    CHECK_VAR(m.resolve(), "GOPROXY", u"off"_s, EnvOrigin::Environment, QString());

    // Without go.env there is no proxy at all.
    FakeMachine bare;
    bare.withGo(u"/opt/go"_s, "go1.21.0\n"_ba);
    bare.env = {{u"HOME"_s, u"/home/u"_s}};
    env = bare.resolve();
    QCOMPARE(env.goMinor(), 21);
    CHECK_VAR(env, "GOPROXY", QString(), EnvOrigin::Unset, QString());
    CHECK_VAR(env, "GOSUMDB", QString(), EnvOrigin::Unset, QString());
    CHECK_VAR(env, "GOTOOLCHAIN", QString(), EnvOrigin::Unset, QString());
}

void TestGoEnvironment::shouldIgnoreGoRootGoEnvBefore121()
{
    FakeMachine m;
    m.withGo(u"/usr/lib/go-1.20"_s, "go1.20.14"_ba,
             "GOPROXY=https://ignored.example.com\nGOTOOLCHAIN=auto\n"_ba);
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.goMinor(), 20);
    QCOMPARE(env.goEnvFile(), QString());
    CHECK_VAR(env, "GOPROXY", u"https://proxy.golang.org,direct"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOTOOLCHAIN", QString(), EnvOrigin::Unset, QString());
}

void TestGoEnvironment::shouldUseOldDefaultsWithoutGo()
{
    FakeMachine m;
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.goroot(), QString());
    QCOMPARE(env.goVersion(), QString());
    QCOMPARE(env.goMinor(), 0);
    CHECK_VAR(env, "GOPROXY", u"https://proxy.golang.org,direct"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOSUMDB", u"sum.golang.org"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOPATH", u"/home/u/go"_s, EnvOrigin::Default, QString());

    // No go on PATH but GOROOT set: that go's release decides.
    m.env.insert(u"GOROOT"_s, u"/usr/lib/go-1.23"_s);
    m.withGo123();
    m.goExe.clear();
    const GoEnvironment viaGoroot = m.resolve();
    QCOMPARE(viaGoroot.goVersion(), u"go1.23.5"_s);
    CHECK_VAR(viaGoroot, "GOTOOLCHAIN", u"auto"_s, EnvOrigin::GoRootEnv, QString());
}

void TestGoEnvironment::shouldDeriveModcacheFromFirstGopathEntry()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOPATH"_s, u"/a/./x/:/b"_s}};
    GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOPATH", u"/a/./x/:/b"_s, EnvOrigin::Environment, QString()); // shown raw
    CHECK_VAR(env, "GOMODCACHE", u"/a/x/pkg/mod"_s, EnvOrigin::Default,
              QString()); // joined and cleaned
    // An empty first entry means no GOMODCACHE at all.
    m.env.insert(u"GOPATH"_s, u":/b"_s);
    env = m.resolve();
    CHECK_VAR(env, "GOMODCACHE", QString(), EnvOrigin::Unset,
              u"module cache not found: neither GOMODCACHE nor GOPATH is set"_s);
    QVERIFY(!env.gomodcache().ok());
    // An explicit GOMODCACHE is shown as given.
    m.env.insert(u"GOMODCACHE"_s, u"/m/../mod/"_s);
    CHECK_VAR(m.resolve(), "GOMODCACHE", u"/m/../mod/"_s, EnvOrigin::Environment, QString());
}

void TestGoEnvironment::shouldReportRelativeAndTildePaths()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOMODCACHE"_s, u"rel/mod"_s}};
    GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOMODCACHE", u"rel/mod"_s, EnvOrigin::Environment,
              u"GOMODCACHE entry is relative; must be absolute path: \"rel/mod\"."_s);
    QCOMPARE(env.gomodcache().error().message,
             u"GOMODCACHE entry is relative; must be absolute path: \"rel/mod\"."_s);

    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOPATH"_s, u"/a:rel"_s}};
    CHECK_VAR(m.resolve(), "GOPATH", u"/a:rel"_s, EnvOrigin::Environment,
              u"GOPATH entry is relative; must be absolute path: \"rel\"."_s);
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOPATH"_s, u"~/go"_s}};
    CHECK_VAR(m.resolve(), "GOPATH", u"~/go"_s, EnvOrigin::Environment,
              u"GOPATH entry cannot start with shell metacharacter '~': \"~/go\""_s);
    // From the file it is just as fatal.
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s, "GOPATH=relative\n"_ba);
    CHECK_VAR(m.resolve(), "GOPATH", u"relative"_s, EnvOrigin::EnvFile,
              u"GOPATH entry is relative; must be absolute path: \"relative\"."_s);

    // A relative HOME: go drops the inferred GOPATH, but GOMODCACHE was derived before.
    FakeMachine rel;
    rel.withGo119();
    rel.env = {{u"HOME"_s, u"relhome"_s}};
    env = rel.resolve();
    CHECK_VAR(env, "GOPATH", QString(), EnvOrigin::Unset, QString());
    CHECK_VAR(env, "GOMODCACHE", u"relhome/go/pkg/mod"_s, EnvOrigin::Default,
              u"GOMODCACHE entry is relative; must be absolute path: \"relhome/go/pkg/mod\"."_s);
    CHECK_VAR(env, "GOENV", u"relhome/.config/go/env"_s, EnvOrigin::Default, QString());
}

void TestGoEnvironment::shouldReportMissingHome()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"PATH"_s, u"/usr/bin"_s}};
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.envFile(), QString());
    CHECK_VAR(env, "GOPATH", QString(), EnvOrigin::Unset, u"HOME is not set"_s);
    CHECK_VAR(env, "GOMODCACHE", QString(), EnvOrigin::Unset,
              u"module cache not found: neither GOMODCACHE nor GOPATH is set"_s);
    CHECK_VAR(env, "GOCACHE", u"off"_s, EnvOrigin::Default,
              u"GOCACHE is not defined and neither $XDG_CACHE_HOME nor $HOME are defined"_s);
    CHECK_VAR(env, "GOENV", QString(), EnvOrigin::Unset,
              u"cannot find go env config: neither $XDG_CONFIG_HOME nor $HOME are defined"_s);
    QVERIFY(!env.gomodcache().ok());
    QVERIFY(!env.gocache().ok());
    // An explicit GOMODCACHE still works without HOME.
    FakeMachine withCache = m;
    withCache.env.insert(u"GOMODCACHE"_s, u"/srv/mod"_s);
    QCOMPARE(withCache.resolve().gomodcache().value(), u"/srv/mod"_s);
}

void TestGoEnvironment::shouldTurnRelativeGocacheOff()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOCACHE"_s, u"rel/cache"_s}};
    GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOCACHE", u"off"_s, EnvOrigin::Environment,
              u"GOCACHE is not an absolute path"_s);
    QCOMPARE(env.gocache().error().message, u"GOCACHE is not an absolute path"_s);
    m.env.insert(u"GOCACHE"_s, u"off"_s);
    env = m.resolve();
    CHECK_VAR(env, "GOCACHE", u"off"_s, EnvOrigin::Environment, QString());
    QCOMPARE(env.gocache().error().message, u"build cache is disabled by GOCACHE=off"_s);
    m.env.insert(u"GOCACHE"_s, u"/c/../d/"_s);
    CHECK_VAR(m.resolve(), "GOCACHE", u"/c/../d/"_s, EnvOrigin::Environment, QString());
}

void TestGoEnvironment::shouldResolveGorootPerRelease()
{
    // go1.19: OS GOROOT (cleaned), else the file's, else next to the binary.
    FakeMachine old;
    old.withGo119();
    old.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOROOT"_s, u"/opt/go/"_s}};
    QCOMPARE(old.resolve().goroot(), u"/opt/go"_s);
    old.env.remove(u"GOROOT"_s);
    old.files.insert(u"/home/u/.config/go/env"_s, "GOROOT=/from/file/\n"_ba);
    QCOMPARE(old.resolve().goroot(), u"/from/file"_s);

    // go1.23: the raw OS value is shown, but go.env is looked up via the *file's* GOROOT.
    FakeMachine m;
    m.withGo123();
    m.files.insert(u"/opt/other/go.env"_s, "GOPROXY=https://other.example.com\n"_ba);
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOROOT"_s, u"/usr/lib/go-1.23/"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s, "GOROOT=/opt/other\n"_ba);
    GoEnvironment env = m.resolve();
    QCOMPARE(env.goroot(), u"/usr/lib/go-1.23/"_s);
    QCOMPARE(env.goEnvFile(), u"/opt/other/go.env"_s);
    CHECK_VAR(env, "GOPROXY", u"https://other.example.com"_s, EnvOrigin::GoRootEnv, QString());
    // Without the OS value the file's GOROOT is shown, cleaned.
    m.env.remove(u"GOROOT"_s);
    m.files.insert(u"/home/u/.config/go/env"_s, "GOROOT=/opt/other/\n"_ba);
    QCOMPARE(m.resolve().goroot(), u"/opt/other"_s);
    // A GOROOT without go.env leaves go1.23 without proxy defaults.
    m.files.insert(u"/home/u/.config/go/env"_s, "GOROOT=/usr/lib/go-1.19\n"_ba);
    CHECK_VAR(m.resolve(), "GOPROXY", QString(), EnvOrigin::Unset, QString());
}

void TestGoEnvironment::shouldRejectRelativeXdgOnlyFrom124()
{
    FakeMachine m;
    m.withGo123();
    m.env = {{u"HOME"_s, u"/home/u"_s},
             {u"XDG_CONFIG_HOME"_s, u"relcfg"_s},
             {u"XDG_CACHE_HOME"_s, u"relcache"_s}};
    GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOENV", u"relcfg/go/env"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOCACHE", u"relcache/go-build"_s, EnvOrigin::Default, QString());
    QVERIFY(!env.gocache().ok()); // unusable for a cache manager all the same

    FakeMachine newer;
    newer.withGo(u"/usr/local/go"_s, "go1.24.1\n"_ba, defaultGoEnv);
    newer.env = m.env;
    env = newer.resolve();
    QCOMPARE(env.envFile(), QString());
    CHECK_VAR(env, "GOENV", QString(), EnvOrigin::Unset,
              u"cannot find go env config: path in $XDG_CONFIG_HOME is relative"_s);
    CHECK_VAR(env, "GOCACHE", u"off"_s, EnvOrigin::Default,
              u"GOCACHE is not defined and path in $XDG_CACHE_HOME is relative"_s);
}

void TestGoEnvironment::shouldWarnWhenGopathIsGoroot()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}, {u"GOPATH"_s, u"/usr/lib/go-1.19/"_s}};
    const GoEnvironment env = m.resolve();
    CHECK_VAR(env, "GOPATH", u"/usr/lib/go-1.19/"_s, EnvOrigin::Environment,
              u"GOPATH set to GOROOT (/usr/lib/go-1.19/) has no effect"_s);
    CHECK_VAR(env, "GOMODCACHE", u"/usr/lib/go-1.19/pkg/mod"_s, EnvOrigin::Default, QString());
    // $HOME/go == GOROOT: go has no default GOPATH.
    FakeMachine home;
    home.withGo(u"/home/u/go"_s, "go1.19.8"_ba);
    home.env = {{u"HOME"_s, u"/home/u"_s}};
    CHECK_VAR(home.resolve(), "GOPATH", QString(), EnvOrigin::Unset,
              u"cannot set GOROOT as GOPATH"_s);
}

void TestGoEnvironment::shouldUseMacosLocations()
{
    FakeMachine m;
    m.platform = Platform::MacOS;
    m.withGo(u"/usr/local/go"_s, "go1.23.5\n"_ba, defaultGoEnv);
    m.env = {{u"HOME"_s, u"/Users/u"_s},
             {u"XDG_CONFIG_HOME"_s, u"/ignored"_s},
             {u"XDG_CACHE_HOME"_s, u"/ignored"_s}};
    m.files.insert(u"/Users/u/Library/Application Support/go/env"_s,
                   "GOPRIVATE=corp.example.com\n"_ba);
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.envFile(), u"/Users/u/Library/Application Support/go/env"_s);
    CHECK_VAR(env, "GOCACHE", u"/Users/u/Library/Caches/go-build"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOPATH", u"/Users/u/go"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOPRIVATE", u"corp.example.com"_s, EnvOrigin::EnvFile, QString());
    CHECK_VAR(env, "GOPROXY", u"https://proxy.golang.org,direct"_s, EnvOrigin::GoRootEnv,
              QString());

    FakeMachine noHome = m;
    noHome.env.remove(u"HOME"_s);
    const GoEnvironment bare = noHome.resolve();
    CHECK_VAR(bare, "GOENV", QString(), EnvOrigin::Unset,
              u"cannot find go env config: $HOME is not defined"_s);
    CHECK_VAR(bare, "GOCACHE", u"off"_s, EnvOrigin::Default,
              u"GOCACHE is not defined and $HOME is not defined"_s);
}

void TestGoEnvironment::shouldUseWindowsLocations()
{
    FakeMachine m;
    m.platform = Platform::Windows;
    m.withGo(u"C:\\Program Files\\Go"_s, "go1.23.5\n"_ba, defaultGoEnv);
    // Windows environment names are case-insensitive.
    m.env = {{u"USERPROFILE"_s, u"C:\\Users\\u"_s},
             {u"APPDATA"_s, u"C:\\Users\\u\\AppData\\Roaming"_s},
             {u"LocalAppData"_s, u"C:\\Users\\u\\AppData\\Local"_s},
             {u"HOME"_s, u"/ignored"_s}};
    m.files.insert(u"C:\\Users\\u\\AppData\\Roaming\\go\\env"_s, "GOFLAGS=-mod=mod\r\n"_ba);
    GoEnvironment env = m.resolve();
    QCOMPARE(env.goroot(), u"C:\\Program Files\\Go"_s);
    QCOMPARE(env.goEnvFile(), u"C:\\Program Files\\Go\\go.env"_s);
    QCOMPARE(env.envFile(), u"C:\\Users\\u\\AppData\\Roaming\\go\\env"_s);
    CHECK_VAR(env, "GOPATH", u"C:\\Users\\u\\go"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOMODCACHE", u"C:\\Users\\u\\go\\pkg\\mod"_s, EnvOrigin::Default, QString());
    CHECK_VAR(env, "GOCACHE", u"C:\\Users\\u\\AppData\\Local\\go-build"_s, EnvOrigin::Default,
              QString());
    CHECK_VAR(env, "GOFLAGS", u"-mod=mod\r"_s, EnvOrigin::EnvFile,
              QString()); // a CRLF file keeps its \r
    CHECK_VAR(env, "GOPROXY", u"https://proxy.golang.org,direct"_s, EnvOrigin::GoRootEnv,
              QString());

    // ';' separates GOPATH entries, and quotes may protect one.
    m.env.insert(u"GOPATH"_s, u"\"D:\\go;path\";E:\\other"_s);
    env = m.resolve();
    CHECK_VAR(env, "GOMODCACHE", u"D:\\go;path\\pkg\\mod"_s, EnvOrigin::Default, QString());
    m.env.insert(u"gopath"_s, u"D:\\a;E:\\b"_s);
    m.env.remove(u"GOPATH"_s);
    CHECK_VAR(m.resolve(), "GOMODCACHE", u"D:\\a\\pkg\\mod"_s, EnvOrigin::Default, QString());
    // A Unix-style path is relative on Windows.
    m.env.insert(u"gopath"_s, u"/home/u/go"_s);
    CHECK_VAR(m.resolve(), "GOPATH", u"/home/u/go"_s, EnvOrigin::Environment,
              u"GOPATH entry is relative; must be absolute path: \"/home/u/go\"."_s);

    FakeMachine bare;
    bare.platform = Platform::Windows;
    bare.withGo(u"C:\\Go"_s, "go1.19.8\n"_ba);
    env = bare.resolve();
    CHECK_VAR(env, "GOENV", QString(), EnvOrigin::Unset,
              u"cannot find go env config: %AppData% is not defined"_s);
    CHECK_VAR(env, "GOCACHE", u"off"_s, EnvOrigin::Default,
              u"GOCACHE is not defined and %LocalAppData% is not defined"_s);
    CHECK_VAR(env, "GOPATH", QString(), EnvOrigin::Unset, u"USERPROFILE is not set"_s);
}

void TestGoEnvironment::shouldParseGoVersions()
{
    QCOMPARE(GoEnvironment::minorOf(u"go1.23.5"_s), 23);
    QCOMPARE(GoEnvironment::minorOf(u"go1.19.8"_s), 19);
    QCOMPARE(GoEnvironment::minorOf(u"go1.21rc2"_s), 21);
    QCOMPARE(GoEnvironment::minorOf(u"devel go1.24-abcdef Mon Jan 1 00:00:00 2024 +0000"_s), 24);
    QCOMPARE(GoEnvironment::minorOf(u"devel +abcdef"_s), 0);
    QCOMPARE(GoEnvironment::minorOf(QString()), 0);
    // A GOROOT without VERSION but with go.env is at least go1.21.
    FakeMachine m;
    m.goExe = u"/src/go/bin/go"_s;
    m.files.insert(u"/src/go/go.env"_s, defaultGoEnv);
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    const GoEnvironment env = m.resolve();
    QCOMPARE(env.goMinor(), 21);
    CHECK_VAR(env, "GOTOOLCHAIN", u"auto"_s, EnvOrigin::GoRootEnv, QString());
}

void TestGoEnvironment::shouldReadModCacheRwAsGoDoes_data()
{
    // cmd/go/internal/base/goflags.go: strings.Fields, -flag or --flag, -flag=value parsed by
    // strconv.ParseBool, the last word winning.
    QTest::addColumn<QString>("goflags");
    QTest::addColumn<bool>("rw");
    QTest::newRow("-modcacherw") << u"-modcacherw"_s << true;
    QTest::newRow("--modcacherw") << u"--modcacherw"_s << true;
    QTest::newRow("-modcacherw=true") << u"-modcacherw=true"_s << true;
    QTest::newRow("--modcacherw=true") << u"--modcacherw=true"_s << true;
    QTest::newRow("-modcacherw=false") << u"-modcacherw=false"_s << false;
    QTest::newRow("-modcacherw=1") << u"-modcacherw=1"_s << true;
    QTest::newRow("-modcacherw=0") << u"-modcacherw=0"_s << false;
    QTest::newRow("-modcacherw=T") << u"-modcacherw=T"_s << true;
    QTest::newRow("-modcacherw=False") << u"-modcacherw=False"_s << false;
    QTest::newRow("-mod=mod -modcacherw") << u"-mod=mod -modcacherw"_s << true;
    QTest::newRow("tab and newline") << u"-mod=mod\t-modcacherw\n"_s << true;
    QTest::newRow("last wins, off") << u"-modcacherw -modcacherw=false"_s << false;
    QTest::newRow("last wins, on") << u"-modcacherw=false --modcacherw"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("-modcacherwx") << u"-modcacherwx"_s << false;
    QTest::newRow("---modcacherw") << u"---modcacherw"_s << false;
    QTest::newRow("modcacherw") << u"modcacherw"_s << false;
    QTest::newRow("-modcacherw=yes (go rejects it)") << u"-modcacherw=yes"_s << false;
    QTest::newRow("-mod=modcacherw") << u"-mod=modcacherw"_s << false;
}

void TestGoEnvironment::shouldReadModCacheRwAsGoDoes()
{
    QFETCH(QString, goflags);
    QFETCH(bool, rw);
    QCOMPARE(GoEnvironment::modCacheRwIn(goflags), rw);
}

void TestGoEnvironment::shouldReadModCacheRwFromTheResolvedGoflags()
{
    FakeMachine m;
    m.withGo119();
    m.env = {{u"HOME"_s, u"/home/u"_s}};
    QVERIFY(!m.resolve().modCacheRw());
    m.files.insert(u"/home/u/.config/go/env"_s, "GOFLAGS=-mod=mod --modcacherw\n"_ba);
    QVERIFY(m.resolve().modCacheRw());
    // The OS environment hides the env file, as for go.
    m.env.insert(u"GOFLAGS"_s, u"-modcacherw=false"_s);
    QVERIFY(!m.resolve().modCacheRw());
}

void TestGoEnvironment::shouldProduceTheDocumentedJson()
{
    FakeMachine m;
    m.withGo123();
    m.env = {{u"HOME"_s, u"/home/u"_s},
             {u"GOMODCACHE"_s, u"rel"_s},
             {u"GOPRIVATE"_s, u"corp.example.com"_s}};
    const QJsonObject json = m.resolve().toJson();
    QCOMPARE(json.value(u"envFile"_s).toString(), u"/home/u/.config/go/env"_s);
    QCOMPARE(json.value(u"goroot"_s).toString(), u"/usr/lib/go-1.23"_s);
    QCOMPARE(json.value(u"goVersion"_s).toString(), u"go1.23.5"_s);
    const QJsonObject vars = json.value(u"variables"_s).toObject();
    QCOMPARE(vars.keys().size(), GoEnvironment::knownNames().size());
    QCOMPARE(vars.value(u"GOPROXY"_s).toObject(),
             (QJsonObject{{u"value"_s, u"https://proxy.golang.org,direct"_s},
                          {u"origin"_s, u"go.env"_s}}));
    QCOMPARE(vars.value(u"GOMODCACHE"_s).toObject(),
             (QJsonObject{{u"value"_s, u"rel"_s},
                          {u"origin"_s, u"environment"_s},
                          {u"error"_s,
                           u"GOMODCACHE entry is relative; must be absolute path: \"rel\"."_s}}));
    QCOMPARE(vars.value(u"GONOPROXY"_s).toObject().value(u"origin"_s).toString(), u"default"_s);
    QCOMPARE(vars.value(u"GOFLAGS"_s).toObject().value(u"origin"_s).toString(), u"unset"_s);
    QVERIFY(!vars.value(u"GOFLAGS"_s).toObject().contains(u"error"_s));

    QCOMPARE(mk::toString(EnvOrigin::Environment), u"environment"_s);
    QCOMPARE(mk::toString(EnvOrigin::EnvFile), u"go env file"_s);
    QCOMPARE(mk::toString(EnvOrigin::GoRootEnv), u"go.env"_s);
    QCOMPARE(mk::toString(EnvOrigin::Default), u"default"_s);
    QCOMPARE(mk::toString(EnvOrigin::Unset), u"unset"_s);
}

// The real PATH search: /usr/bin/go is Debian's symlink to /usr/lib/go-1.19/bin/go.
void TestGoEnvironment::shouldFindGoOnPathThroughSymlinks()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"bin"_s));
    QVERIFY(QFile::link(QStringLiteral(MODKEEPER_GO123), dir.filePath(u"bin/go"_s)));
    const GoEnvInputs in = GoEnvInputs::fromEnvironment(
        {{u"PATH"_s, u"relative/bin::"_s + dir.filePath(u"bin"_s) + u":/usr/bin"_s}},
        Platform::Linux);
    const QString found = in.findGoExecutable(in.environment);
    QCOMPARE(found, QFileInfo(QStringLiteral(MODKEEPER_GO123)).canonicalFilePath());
    const GoEnvironment env = GoEnvironment::resolve(in);
    QCOMPARE(env.goroot(), u"/usr/lib/go-1.23"_s);
    QCOMPARE(env.goVersion(), u"go1.23.5"_s);
    // Nothing on PATH: no go.
    const GoEnvInputs none
        = GoEnvInputs::fromEnvironment({{u"PATH"_s, dir.filePath(u"nothing"_s)}}, Platform::Linux);
    QCOMPARE(none.findGoExecutable(none.environment), QString());
    QVERIFY(!none.readFile(dir.path()).has_value()); // a directory is not a file
}

// Rows from Go's own path/filepath tests (path_test.go: cleantests, wincleantests,
// jointests, winjointests, isabstests, winisabstests, splitlisttests, winsplitlisttests,
// basetests, winbasetests, dirtests, windirtests). Windows rows follow go1.19's tables where
// go1.23 changed the handling of degenerate UNC prefixes (`\\a`, `\\i\..\c$`); the
// `\\?\` and `\??\` device paths that only go1.23 knows are not modelled and left out.
void TestGoEnvironment::shouldHandlePathsLikeFilepath_data()
{
    QTest::addColumn<int>("platform");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected"); // SplitList: entries joined with '|'
    const int unix = int(Platform::Linux);
    const int win = int(Platform::Windows);
    int n = 0;
    const auto row = [&n](int platform, const char *op) -> QTestData & {
        return QTest::addRow("%s %s %d", platform == int(Platform::Windows) ? "windows" : "unix",
                             op, n++)
               << platform << QString::fromLatin1(op);
    };
    row(unix, "clean") << QStringList{u"abc"_s} << u"abc"_s;
    row(unix, "clean") << QStringList{u"abc/def"_s} << u"abc/def"_s;
    row(unix, "clean") << QStringList{u"a/b/c"_s} << u"a/b/c"_s;
    row(unix, "clean") << QStringList{u"."_s} << u"."_s;
    row(unix, "clean") << QStringList{u".."_s} << u".."_s;
    row(unix, "clean") << QStringList{u"../.."_s} << u"../.."_s;
    row(unix, "clean") << QStringList{u"../../abc"_s} << u"../../abc"_s;
    row(unix, "clean") << QStringList{u"/abc"_s} << u"/abc"_s;
    row(unix, "clean") << QStringList{u"/"_s} << u"/"_s;
    row(unix, "clean") << QStringList{u""_s} << u"."_s;
    row(unix, "clean") << QStringList{u"abc/"_s} << u"abc"_s;
    row(unix, "clean") << QStringList{u"abc/def/"_s} << u"abc/def"_s;
    row(unix, "clean") << QStringList{u"./"_s} << u"."_s;
    row(unix, "clean") << QStringList{u"../"_s} << u".."_s;
    row(unix, "clean") << QStringList{u"/abc/"_s} << u"/abc"_s;
    row(unix, "clean") << QStringList{u"abc//def//ghi"_s} << u"abc/def/ghi"_s;
    row(unix, "clean") << QStringList{u"abc/./def"_s} << u"abc/def"_s;
    row(unix, "clean") << QStringList{u"/./abc/def"_s} << u"/abc/def"_s;
    row(unix, "clean") << QStringList{u"abc/."_s} << u"abc"_s;
    row(unix, "clean") << QStringList{u"abc/def/ghi/../jkl"_s} << u"abc/def/jkl"_s;
    row(unix, "clean") << QStringList{u"abc/def/../ghi/../jkl"_s} << u"abc/jkl"_s;
    row(unix, "clean") << QStringList{u"abc/def/.."_s} << u"abc"_s;
    row(unix, "clean") << QStringList{u"abc/def/../.."_s} << u"."_s;
    row(unix, "clean") << QStringList{u"/abc/def/../.."_s} << u"/"_s;
    row(unix, "clean") << QStringList{u"abc/def/../../.."_s} << u".."_s;
    row(unix, "clean") << QStringList{u"/abc/def/../../.."_s} << u"/"_s;
    row(unix, "clean") << QStringList{u"abc/def/../../../ghi/jkl/../../../mno"_s} << u"../../mno"_s;
    row(unix, "clean") << QStringList{u"/../abc"_s} << u"/abc"_s;
    row(unix, "clean") << QStringList{u"a/../b:/../../c"_s} << u"../c"_s;
    row(unix, "clean") << QStringList{u"abc/./../def"_s} << u"def"_s;
    row(unix, "clean") << QStringList{u"abc//./../def"_s} << u"def"_s;
    row(unix, "clean") << QStringList{u"abc/../../././../def"_s} << u"../../def"_s;
    row(unix, "clean") << QStringList{u"//abc"_s} << u"/abc"_s;
    row(unix, "clean") << QStringList{u"///abc"_s} << u"/abc"_s;
    row(unix, "clean") << QStringList{u"//abc//"_s} << u"/abc"_s;
    row(win, "clean") << QStringList{u"c:"_s} << u"c:."_s;
    row(win, "clean") << QStringList{u"c:\\"_s} << u"c:\\"_s;
    row(win, "clean") << QStringList{u"c:\\abc"_s} << u"c:\\abc"_s;
    row(win, "clean") << QStringList{u"c:abc\\..\\..\\.\\.\\..\\def"_s} << u"c:..\\..\\def"_s;
    row(win, "clean") << QStringList{u"c:\\abc\\def\\..\\.."_s} << u"c:\\"_s;
    row(win, "clean") << QStringList{u"c:\\..\\abc"_s} << u"c:\\abc"_s;
    row(win, "clean") << QStringList{u"c:..\\abc"_s} << u"c:..\\abc"_s;
    row(win, "clean") << QStringList{u"c:\\b:\\..\\..\\..\\d"_s} << u"c:\\d"_s;
    row(win, "clean") << QStringList{u"\\"_s} << u"\\"_s;
    row(win, "clean") << QStringList{u"/"_s} << u"\\"_s;
    row(win, "clean") << QStringList{u"\\\\host\\share\\foo\\..\\bar"_s}
                      << u"\\\\host\\share\\bar"_s;
    row(win, "clean") << QStringList{u"//host/share/foo/../baz"_s} << u"\\\\host\\share\\baz"_s;
    row(win, "clean") << QStringList{u"\\\\host\\share\\foo\\..\\..\\..\\..\\bar"_s}
                      << u"\\\\host\\share\\bar"_s;
    row(win, "clean") << QStringList{u"\\\\a\\b\\..\\c"_s} << u"\\\\a\\b\\c"_s;
    row(win, "clean") << QStringList{u"\\\\a\\b"_s} << u"\\\\a\\b"_s;
    row(win, "clean") << QStringList{u"foo:bar"_s} << u"foo:bar"_s;
    row(win, "clean") << QStringList{u"\\\\i\\..\\c$"_s} << u"\\c$"_s;
    row(win, "clean") << QStringList{u"\\\\i\\..\\I\\c$"_s} << u"\\I\\c$"_s;
    row(win, "clean") << QStringList{u".\\c:"_s} << u".\\c:"_s;
    row(win, "clean") << QStringList{u".\\c:\\foo"_s} << u".\\c:\\foo"_s;
    row(win, "clean") << QStringList{u".\\c:foo"_s} << u".\\c:foo"_s;
    row(win, "clean") << QStringList{u"a/../c:"_s} << u".\\c:"_s;
    row(win, "clean") << QStringList{u"a\\..\\c:"_s} << u".\\c:"_s;
    row(win, "clean") << QStringList{u"a/../c:/a"_s} << u".\\c:\\a"_s;
    row(win, "clean") << QStringList{u"a/../../c:"_s} << u"..\\c:"_s;
    row(unix, "join") << QStringList{} << u""_s;
    row(unix, "join") << QStringList{u""_s} << u""_s;
    row(unix, "join") << QStringList{u"/"_s} << u"/"_s;
    row(unix, "join") << QStringList{u"a"_s} << u"a"_s;
    row(unix, "join") << QStringList{u"a"_s, u"b"_s} << u"a/b"_s;
    row(unix, "join") << QStringList{u"a"_s, u""_s} << u"a"_s;
    row(unix, "join") << QStringList{u""_s, u"b"_s} << u"b"_s;
    row(unix, "join") << QStringList{u"/"_s, u"a"_s} << u"/a"_s;
    row(unix, "join") << QStringList{u"/"_s, u"a/b"_s} << u"/a/b"_s;
    row(unix, "join") << QStringList{u"/"_s, u""_s} << u"/"_s;
    row(unix, "join") << QStringList{u"/a"_s, u"b"_s} << u"/a/b"_s;
    row(unix, "join") << QStringList{u"a"_s, u"/b"_s} << u"a/b"_s;
    row(unix, "join") << QStringList{u"/a"_s, u"/b"_s} << u"/a/b"_s;
    row(unix, "join") << QStringList{u"a/"_s, u"b"_s} << u"a/b"_s;
    row(unix, "join") << QStringList{u"a/"_s, u""_s} << u"a"_s;
    row(unix, "join") << QStringList{u""_s, u""_s} << u""_s;
    row(unix, "join") << QStringList{u"/"_s, u"a"_s, u"b"_s} << u"/a/b"_s;
    row(unix, "join") << QStringList{u"//"_s, u"a"_s} << u"/a"_s;
    row(win, "join") << QStringList{u"directory"_s, u"file"_s} << u"directory\\file"_s;
    row(win, "join") << QStringList{u"C:\\Windows\\"_s, u"System32"_s}
                     << u"C:\\Windows\\System32"_s;
    row(win, "join") << QStringList{u"C:\\Windows\\"_s, u""_s} << u"C:\\Windows"_s;
    row(win, "join") << QStringList{u"C:\\"_s, u"Windows"_s} << u"C:\\Windows"_s;
    row(win, "join") << QStringList{u"C:"_s, u"a"_s} << u"C:a"_s;
    row(win, "join") << QStringList{u"C:"_s, u"a\\b"_s} << u"C:a\\b"_s;
    row(win, "join") << QStringList{u"C:"_s, u"a"_s, u"b"_s} << u"C:a\\b"_s;
    row(win, "join") << QStringList{u"C:"_s, u""_s, u"b"_s} << u"C:b"_s;
    row(win, "join") << QStringList{u"C:"_s, u""_s, u""_s, u"b"_s} << u"C:b"_s;
    row(win, "join") << QStringList{u"C:"_s, u""_s} << u"C:."_s;
    row(win, "join") << QStringList{u"C:"_s, u""_s, u""_s} << u"C:."_s;
    row(win, "join") << QStringList{u"C:"_s, u"\\a"_s} << u"C:\\a"_s;
    row(win, "join") << QStringList{u"C:"_s, u""_s, u"\\a"_s} << u"C:\\a"_s;
    row(win, "join") << QStringList{u"C:."_s, u"a"_s} << u"C:a"_s;
    row(win, "join") << QStringList{u"C:a"_s, u"b"_s} << u"C:a\\b"_s;
    row(win, "join") << QStringList{u"C:a"_s, u"b"_s, u"d"_s} << u"C:a\\b\\d"_s;
    row(win, "join") << QStringList{u"\\\\host\\share"_s, u"foo"_s} << u"\\\\host\\share\\foo"_s;
    row(win, "join") << QStringList{u"\\\\host\\share\\foo"_s} << u"\\\\host\\share\\foo"_s;
    row(win, "join") << QStringList{u"//host/share"_s, u"foo/bar"_s}
                     << u"\\\\host\\share\\foo\\bar"_s;
    row(win, "join") << QStringList{u"\\"_s} << u"\\"_s;
    row(win, "join") << QStringList{u"\\"_s, u""_s} << u"\\"_s;
    row(win, "join") << QStringList{u"\\"_s, u"a"_s} << u"\\a"_s;
    row(win, "join") << QStringList{u"\\"_s, u"a"_s, u"b"_s} << u"\\a\\b"_s;
    row(win, "join") << QStringList{u"\\"_s, u"\\\\a\\b"_s, u"c"_s} << u"\\a\\b\\c"_s;
    row(win, "join") << QStringList{u"\\\\a"_s, u"b"_s, u"c"_s} << u"\\a\\b\\c"_s;
    row(win, "join") << QStringList{u"\\\\"_s, u"a"_s} << u"\\a"_s;
    row(win, "join") << QStringList{u"\\\\"_s, u"a"_s, u"b"_s} << u"\\a\\b"_s;
    row(win, "join") << QStringList{u"\\\\a\\"_s, u"b"_s, u"c"_s} << u"\\a\\b\\c"_s;
    row(win, "join") << QStringList{u"a:\\b\\c"_s, u"x\\..\\y:\\..\\..\\z"_s} << u"a:\\b\\z"_s;
    row(unix, "isAbs") << QStringList{u""_s} << u"false"_s;
    row(unix, "isAbs") << QStringList{u"/"_s} << u"true"_s;
    row(unix, "isAbs") << QStringList{u"/usr/bin/gcc"_s} << u"true"_s;
    row(unix, "isAbs") << QStringList{u".."_s} << u"false"_s;
    row(unix, "isAbs") << QStringList{u"/a/../bb"_s} << u"true"_s;
    row(unix, "isAbs") << QStringList{u"."_s} << u"false"_s;
    row(unix, "isAbs") << QStringList{u"./"_s} << u"false"_s;
    row(unix, "isAbs") << QStringList{u"lala"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"C:\\"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"c\\"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c::"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"/"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"\\"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"\\Windows"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:a\\b"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:\\a\\b"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"c:/a/b"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"\\\\host\\share"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"\\\\host\\share\\"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"\\\\host\\share\\foo"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"//host/share/foo/bar"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u""_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"/"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"/usr/bin/gcc"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u".."_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"/a/../bb"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"."_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"./"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"lala"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:/"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"c:/usr/bin/gcc"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"c:.."_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:/a/../bb"_s} << u"true"_s;
    row(win, "isAbs") << QStringList{u"c:."_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:./"_s} << u"false"_s;
    row(win, "isAbs") << QStringList{u"c:lala"_s} << u"false"_s;
    row(unix, "splitList") << QStringList{u""_s} << u"<none>"_s;
    row(unix, "splitList") << QStringList{u"a:b"_s} << u"a|b"_s;
    row(unix, "splitList") << QStringList{u":a:b"_s} << u"|a|b"_s;
    row(win, "splitList") << QStringList{u""_s} << u"<none>"_s;
    row(win, "splitList") << QStringList{u"a;b"_s} << u"a|b"_s;
    row(win, "splitList") << QStringList{u";a;b"_s} << u"|a|b"_s;
    row(win, "splitList") << QStringList{u"\"a\""_s} << u"a"_s;
    row(win, "splitList") << QStringList{u"\";\""_s} << u";"_s;
    row(win, "splitList") << QStringList{u"\"a;b\""_s} << u"a;b"_s;
    row(win, "splitList") << QStringList{u"\";\";"_s} << u";|"_s;
    row(win, "splitList") << QStringList{u";\";\""_s} << u"|;"_s;
    row(win, "splitList") << QStringList{u"a\";\"b"_s} << u"a;b"_s;
    row(win, "splitList") << QStringList{u"a; \"\"b"_s} << u"a| b"_s;
    row(win, "splitList") << QStringList{u"\"a;b"_s} << u"a;b"_s;
    row(win, "splitList") << QStringList{u"\"\"a;b"_s} << u"a|b"_s;
    row(win, "splitList") << QStringList{u"\"\"\"a;b"_s} << u"a;b"_s;
    row(win, "splitList") << QStringList{u"\"\"\"\"a;b"_s} << u"a|b"_s;
    row(win, "splitList") << QStringList{u"a\";b"_s} << u"a;b"_s;
    row(win, "splitList") << QStringList{u"a;b\";c"_s} << u"a|b;c"_s;
    row(win, "splitList") << QStringList{u"\"a\";b\";c"_s} << u"a|b;c"_s;
    row(unix, "base") << QStringList{u""_s} << u"."_s;
    row(unix, "base") << QStringList{u"."_s} << u"."_s;
    row(unix, "base") << QStringList{u"/."_s} << u"."_s;
    row(unix, "base") << QStringList{u"/"_s} << u"/"_s;
    row(unix, "base") << QStringList{u"////"_s} << u"/"_s;
    row(unix, "base") << QStringList{u"x/"_s} << u"x"_s;
    row(unix, "base") << QStringList{u"abc"_s} << u"abc"_s;
    row(unix, "base") << QStringList{u"abc/def"_s} << u"def"_s;
    row(unix, "base") << QStringList{u"a/b/.x"_s} << u".x"_s;
    row(unix, "base") << QStringList{u"a/b/c."_s} << u"c."_s;
    row(unix, "base") << QStringList{u"a/b/c.x"_s} << u"c.x"_s;
    row(win, "base") << QStringList{u"c:\\"_s} << u"\\"_s;
    row(win, "base") << QStringList{u"c:."_s} << u"."_s;
    row(win, "base") << QStringList{u"c:\\a\\b"_s} << u"b"_s;
    row(win, "base") << QStringList{u"c:a\\b"_s} << u"b"_s;
    row(win, "base") << QStringList{u"c:a\\b\\c"_s} << u"c"_s;
    row(win, "base") << QStringList{u"\\\\host\\share\\"_s} << u"\\"_s;
    row(win, "base") << QStringList{u"\\\\host\\share\\a"_s} << u"a"_s;
    row(win, "base") << QStringList{u"\\\\host\\share\\a\\b"_s} << u"b"_s;
    row(unix, "dir") << QStringList{u""_s} << u"."_s;
    row(unix, "dir") << QStringList{u"."_s} << u"."_s;
    row(unix, "dir") << QStringList{u"/."_s} << u"/"_s;
    row(unix, "dir") << QStringList{u"/"_s} << u"/"_s;
    row(unix, "dir") << QStringList{u"/foo"_s} << u"/"_s;
    row(unix, "dir") << QStringList{u"x/"_s} << u"x"_s;
    row(unix, "dir") << QStringList{u"abc"_s} << u"."_s;
    row(unix, "dir") << QStringList{u"abc/def"_s} << u"abc"_s;
    row(unix, "dir") << QStringList{u"a/b/.x"_s} << u"a/b"_s;
    row(unix, "dir") << QStringList{u"a/b/c."_s} << u"a/b"_s;
    row(unix, "dir") << QStringList{u"a/b/c.x"_s} << u"a/b"_s;
    row(unix, "dir") << QStringList{u"////"_s} << u"/"_s;
    row(win, "dir") << QStringList{u"c:\\"_s} << u"c:\\"_s;
    row(win, "dir") << QStringList{u"c:."_s} << u"c:."_s;
    row(win, "dir") << QStringList{u"c:\\a\\b"_s} << u"c:\\a"_s;
    row(win, "dir") << QStringList{u"c:a\\b"_s} << u"c:a"_s;
    row(win, "dir") << QStringList{u"c:a\\b\\c"_s} << u"c:a\\b"_s;
    row(win, "dir") << QStringList{u"\\\\host\\share"_s} << u"\\\\host\\share"_s;
    row(win, "dir") << QStringList{u"\\\\host\\share\\"_s} << u"\\\\host\\share\\"_s;
    row(win, "dir") << QStringList{u"\\\\host\\share\\a"_s} << u"\\\\host\\share\\"_s;
    row(win, "dir") << QStringList{u"\\\\host\\share\\a\\b"_s} << u"\\\\host\\share\\a"_s;
}

void TestGoEnvironment::shouldHandlePathsLikeFilepath()
{
    QFETCH(int, platform);
    QFETCH(QString, op);
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const auto p = Platform(platform);
    using mk::GoFilePath;
    if (op == u"clean") {
        QCOMPARE(GoFilePath::clean(args.first(), p), expected);
        QCOMPARE(GoFilePath::clean(expected, p), expected); // clean is idempotent
    } else if (op == u"join") {
        QCOMPARE(GoFilePath::join(args, p), expected);
    } else if (op == u"isAbs") {
        QCOMPARE(GoFilePath::isAbs(args.first(), p), expected == u"true");
    } else if (op == u"splitList") {
        const QStringList got = GoFilePath::splitList(args.first(), p);
        QCOMPARE(got.isEmpty() ? u"<none>"_s : got.join(u'|'), expected);
    } else if (op == u"base") {
        QCOMPARE(GoFilePath::base(args.first(), p), expected);
    } else if (op == u"dir") {
        QCOMPARE(GoFilePath::dir(args.first(), p), expected);
    } else {
        QFAIL("unknown op");
    }
}

// ---- (b) the real go -------------------------------------------------------------------

namespace {

struct RealSetup
{
    const char *name = "";
    QList<std::pair<QString, QString>> env{}; // "@TMP@", "@HOME@", "@GOROOT@" are replaced
    QString fileAt{};                         // where the env file is written; empty: none
    QByteArray fileContent{};
    QHash<QString, QString> errors{};    // the exact set of variables with an error
    QHash<QString, EnvOrigin> origins{}; // spot checks
    int onlyMinor = 0;                   // 19 or 23: run with that go only
    QString path{};                      // PATH instead of "<go bin>:/usr/bin:/bin"
    bool noHome = false;
};

QList<RealSetup> realSetups()
{
    const QString homeFile = u"@HOME@/.config/go/env"_s;
    const QString noModcache = u"module cache not found: neither GOMODCACHE nor GOPATH is set"_s;
    return {
        {.name = "defaults",
         .origins = {{u"GOPATH"_s, EnvOrigin::Default}, {u"GOCACHE"_s, EnvOrigin::Default}}},
        {.name = "env file values",
         .fileAt = homeFile,
         .fileContent = "GOPROXY=https://a.example.com|https://b.example.com,direct\n"
                        "GOPRIVATE=*.corp.example.com,rsc.io/private\n"
                        "GOFLAGS=-modcacherw\nGOMODCACHE=@TMP@/filecache\nGONOSUMDB=x y\n"_ba,
         .origins = {{u"GOPROXY"_s, EnvOrigin::EnvFile},
                     {u"GOMODCACHE"_s, EnvOrigin::EnvFile},
                     {u"GONOPROXY"_s, EnvOrigin::Default},
                     {u"GONOSUMDB"_s, EnvOrigin::EnvFile}}},
        {.name = "empty OS variables",
         .env = {{u"GOPROXY"_s, QString()},
                 {u"GOFLAGS"_s, QString()},
                 {u"GOPRIVATE"_s, QString()},
                 {u"GOMODCACHE"_s, QString()},
                 {u"GOPATH"_s, QString()},
                 {u"GOCACHE"_s, QString()},
                 {u"GOSUMDB"_s, QString()},
                 {u"GONOPROXY"_s, QString()},
                 {u"GOENV"_s, QString()}},
         .fileAt = homeFile,
         .fileContent
         = "GOPROXY=https://file.example.com\nGOFLAGS=-mod=mod\nGOPRIVATE=corp.example.com\n"_ba,
         .origins = {{u"GOPROXY"_s, EnvOrigin::EnvFile}, {u"GOFLAGS"_s, EnvOrigin::EnvFile}}},
        {.name = "GOENV=off",
         .env = {{u"GOENV"_s, u"off"_s}},
         .fileAt = homeFile,
         .fileContent = "GOPROXY=https://ignored.example.com\nGOFLAGS=-x\n"_ba,
         .origins = {{u"GOENV"_s, EnvOrigin::Environment}}},
        {.name = "GOENV custom file",
         .env = {{u"GOENV"_s, u"@TMP@/custom.env"_s}},
         .fileAt = u"@TMP@/custom.env"_s,
         .fileContent
         = "GOINSECURE=insecure.example.com\r\n# GOPROXY=commented\ngoflags=lower\nGOFLAGS=-a\nGOFLAGS=-b\n"_ba,
         .origins = {{u"GOINSECURE"_s, EnvOrigin::EnvFile}}},
        {.name = "GOENV relative",
         .env = {{u"GOENV"_s, u"rel.env"_s}},
         .fileAt = u"@HOME@/rel.env"_s,
         .fileContent = "GOPRIVATE=rel.example.com\n"_ba,
         .origins = {{u"GOPRIVATE"_s, EnvOrigin::EnvFile}}},
        {.name = "multi-entry GOPATH",
         .env = {{u"GOPATH"_s, u"@TMP@/a/./x/:@TMP@/b"_s}},
         .origins = {{u"GOPATH"_s, EnvOrigin::Environment}, {u"GOMODCACHE"_s, EnvOrigin::Default}}},
        {.name = "GOPATH with empty first entry",
         .env = {{u"GOPATH"_s, u":@TMP@/b"_s}},
         .errors = {{u"GOMODCACHE"_s, noModcache}}},
        {.name = "GOPATH from file",
         .fileAt = homeFile,
         .fileContent = "GOPATH=@TMP@/p1::@TMP@/p2\n"_ba,
         .origins = {{u"GOPATH"_s, EnvOrigin::EnvFile}}},
        {.name = "GOMODCACHE set",
         .env = {{u"GOMODCACHE"_s, u"@TMP@/m/../mod/"_s}},
         .origins = {{u"GOMODCACHE"_s, EnvOrigin::Environment}}},
        {.name = "GOMODCACHE relative",
         .env = {{u"GOMODCACHE"_s, u"relmod"_s}},
         .errors = {{u"GOMODCACHE"_s,
                     u"GOMODCACHE entry is relative; must be absolute path: \"relmod\"."_s}}},
        {.name = "XDG dirs",
         .env
         = {{u"XDG_CONFIG_HOME"_s, u"@TMP@/xdgcfg/"_s}, {u"XDG_CACHE_HOME"_s, u"@TMP@/xdgcache"_s}},
         .fileAt = u"@TMP@/xdgcfg/go/env"_s,
         .fileContent = "GOFLAGS=-from-xdg\n"_ba,
         .origins = {{u"GOFLAGS"_s, EnvOrigin::EnvFile}}},
        {.name = "relative XDG dirs",
         .env = {{u"XDG_CONFIG_HOME"_s, u"relcfg"_s}, {u"XDG_CACHE_HOME"_s, u"relcache"_s}},
         .fileAt = u"@HOME@/relcfg/go/env"_s,
         .fileContent = "GOFLAGS=-from-relative-xdg\n"_ba,
         .origins = {{u"GOFLAGS"_s, EnvOrigin::EnvFile}}},
        {.name = "GOPRIVATE defaults",
         .env = {{u"GOPRIVATE"_s, u"os.example.com"_s}},
         .fileAt = homeFile,
         .fileContent = "GOPRIVATE=file.example.com\nGONOSUMDB=\n"_ba,
         .origins = {{u"GOPRIVATE"_s, EnvOrigin::Environment},
                     {u"GONOPROXY"_s, EnvOrigin::Default},
                     {u"GONOSUMDB"_s, EnvOrigin::Default}}},
        {.name = "GONOPROXY explicit",
         .env = {{u"GONOPROXY"_s, u"np.example.com"_s}},
         .fileAt = homeFile,
         .fileContent = "GOPRIVATE=*.corp\n"_ba,
         .origins
         = {{u"GONOPROXY"_s, EnvOrigin::Environment}, {u"GONOSUMDB"_s, EnvOrigin::Default}}},
        {.name = "empty values in the file",
         .fileAt = homeFile,
         .fileContent = "GOPROXY=\nGOSUMDB=\nGOTOOLCHAIN=\n"_ba},
        {.name = "GOTOOLCHAIN in the file",
         .fileAt = homeFile,
         .fileContent = "GOTOOLCHAIN=local\n"_ba,
         .origins = {{u"GOTOOLCHAIN"_s, EnvOrigin::EnvFile}},
         .onlyMinor = 23},
        {.name = "HOME unset",
         .errors
         = {{u"GOPATH"_s, u"HOME is not set"_s},
            {u"GOMODCACHE"_s, noModcache},
            {u"GOCACHE"_s,
             u"GOCACHE is not defined and neither $XDG_CACHE_HOME nor $HOME are defined"_s},
            {u"GOENV"_s,
             u"cannot find go env config: neither $XDG_CONFIG_HOME nor $HOME are defined"_s}},
         .noHome = true},
        {.name = "HOME relative",
         .env = {{u"HOME"_s, u"relhome"_s}},
         .errors
         = {{u"GOMODCACHE"_s,
             u"GOMODCACHE entry is relative; must be absolute path: \"relhome/go/pkg/mod\"."_s}}},
        {.name = "GOPATH relative",
         .env = {{u"GOPATH"_s, u"@TMP@/a:rel"_s}},
         .errors = {{u"GOPATH"_s, u"GOPATH entry is relative; must be absolute path: \"rel\"."_s}}},
        {.name = "GOPATH relative in the file",
         .fileAt = homeFile,
         .fileContent = "GOPATH=relgopath\n"_ba,
         .errors
         = {{u"GOPATH"_s, u"GOPATH entry is relative; must be absolute path: \"relgopath\"."_s},
            {u"GOMODCACHE"_s,
             u"GOMODCACHE entry is relative; must be absolute path: \"relgopath/pkg/mod\"."_s}}},
        {.name = "GOPATH tilde",
         .env = {{u"GOPATH"_s, u"~/go"_s}},
         .errors
         = {{u"GOPATH"_s, u"GOPATH entry cannot start with shell metacharacter '~': \"~/go\""_s},
            {u"GOMODCACHE"_s,
             u"GOMODCACHE entry is relative; must be absolute path: \"~/go/pkg/mod\"."_s}}},
        {.name = "GOPATH is GOROOT",
         .env = {{u"GOPATH"_s, u"@GOROOT@"_s}},
         .errors = {{u"GOPATH"_s, u"GOPATH set to GOROOT (@GOROOT@) has no effect"_s}}},
        {.name = "GOCACHE relative",
         .env = {{u"GOCACHE"_s, u"relcache"_s}},
         .errors = {{u"GOCACHE"_s, u"GOCACHE is not an absolute path"_s}}},
        {.name = "GOCACHE off",
         .env = {{u"GOCACHE"_s, u"off"_s}},
         .origins = {{u"GOCACHE"_s, EnvOrigin::Environment}}},
        {.name = "GOROOT with trailing slash", .env = {{u"GOROOT"_s, u"@GOROOT@/"_s}}},
        {.name = "GOROOT of the other release",
         .env = {{u"GOROOT"_s, u"/usr/lib/go-1.19"_s}},
         .onlyMinor = 23},
        {.name = "GOROOT in the file",
         .fileAt = homeFile,
         .fileContent = "GOROOT=/usr/lib/go-1.19/\n"_ba},
        {.name = "GOROOT in the file and the OS",
         .env = {{u"GOROOT"_s, u"/usr/lib/go-1.23"_s}},
         .fileAt = homeFile,
         .fileContent = "GOROOT=/usr/lib/go-1.19\n"_ba,
         .onlyMinor = 23},
        {.name = "symlinked go on PATH", .onlyMinor = 19, .path = u"/usr/bin:/bin"_s},
    };
}

QString expand(QString s, const QString &tmp, const QString &home, const QString &goroot)
{
    s.replace(u"@TMP@"_s, tmp);
    s.replace(u"@HOME@"_s, home);
    s.replace(u"@GOROOT@"_s, goroot);
    return s;
}

} // namespace

void TestGoEnvironment::shouldAgreeWithRealGoEnv_data()
{
    QTest::addColumn<QString>("go");
    QTest::addColumn<int>("setup");
    const QList<RealSetup> setups = realSetups();
    for (const QString &go : {QStringLiteral(MODKEEPER_GO119), QStringLiteral(MODKEEPER_GO123)}) {
        const int minor = go == QLatin1String(MODKEEPER_GO119) ? 19 : 23;
        for (int i = 0; i < setups.size(); ++i) {
            if (setups.at(i).onlyMinor == 0 || setups.at(i).onlyMinor == minor)
                QTest::addRow("go1.%d %s", minor, setups.at(i).name) << go << i;
        }
    }
}

void TestGoEnvironment::shouldAgreeWithRealGoEnv()
{
    QFETCH(QString, go);
    QFETCH(int, setup);
    const RealSetup s = realSetups().at(setup);
    const bool is119 = go == QLatin1String(MODKEEPER_GO119);
    const QString goroot
        = QFileInfo(QFileInfo(go).canonicalFilePath()).dir().path().section(u'/', 0, -2);

    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString home = tmp.filePath(u"home"_s);
    QVERIFY(QDir(tmp.path()).mkpath(u"home"_s));

    // A clean environment built from nothing: ctest's GOTOOLCHAIN/GOPROXY stay out.
    QHash<QString, QString> env;
    if (!s.noHome)
        env.insert(u"HOME"_s, home);
    env.insert(u"PATH"_s,
               s.path.isEmpty() ? QFileInfo(go).absolutePath() + u":/usr/bin:/bin"_s : s.path);
    for (const auto &[k, v] : s.env)
        env.insert(k, expand(v, tmp.path(), home, goroot));
    if (!s.fileAt.isEmpty()) {
        const QString file = expand(s.fileAt, tmp.path(), home, goroot);
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(expand(QString::fromUtf8(s.fileContent), tmp.path(), home, goroot).toUtf8());
    }

    QStringList names = GoEnvironment::knownNames();
    if (is119)
        names.removeAll(u"GOTOOLCHAIN"_s); // go1.19 does not know it
    QProcessEnvironment penv;
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        penv.insert(it.key(), it.value());
    QProcess p;
    p.setProcessEnvironment(penv);
    p.setWorkingDirectory(home); // relative GOENV/XDG/HOME values resolve here for go
    const QString goCmd = s.path.isEmpty() ? go : u"/usr/bin/go"_s;
    p.start(goCmd, QStringList{u"env"_s, u"-json"_s, u"GOROOT"_s, u"GOVERSION"_s} + names);
    QVERIFY(p.waitForFinished(60000));
    const QString stdErr = QString::fromUtf8(p.readAllStandardError());
    const QByteArray stdOut = p.readAllStandardOutput();

    // Our side, from the same environment, with real files; relative paths are read
    // relative to our cwd, so run from the same directory as go.
    const QString cwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(home));
    const GoEnvironment ours
        = GoEnvironment::resolve(GoEnvInputs::fromEnvironment(env, Platform::Linux));
    QVERIFY(QDir::setCurrent(cwd));

    QHash<QString, QString> expectedErrors;
    for (auto it = s.errors.constBegin(); it != s.errors.constEnd(); ++it)
        expectedErrors.insert(it.key(), expand(it.value(), tmp.path(), home, goroot));
    QHash<QString, QString> ourErrors;
    for (const GoEnvironment::Variable &v : ours.variables()) {
        if (v.error.isError())
            ourErrors.insert(v.name, v.error.message);
    }
    QCOMPARE(ourErrors, expectedErrors);

    if (p.exitCode() != 0) {
        // go refuses to run at all (relative or '~' GOPATH): same message, on GOPATH.
        QCOMPARE(p.exitCode(), 2);
        const QString first = stdErr.section(u'\n', 0, 0);
        QVERIFY2(first.startsWith(u"go: "), qPrintable(stdErr));
        QCOMPARE(ours.variable(u"GOPATH"_s).error.message, first.mid(4));
        return;
    }
    if (!stdErr.isEmpty()) {
        // The only warning expected here: GOPATH set to GOROOT.
        QVERIFY2(stdErr.startsWith(u"warning: "), qPrintable(stdErr));
        QCOMPARE(ours.variable(u"GOPATH"_s).error.message, stdErr.trimmed().mid(9));
    }

    const QJsonObject real = QJsonDocument::fromJson(stdOut).object();
    QVERIFY2(!real.isEmpty(), stdOut.constData());
    for (const QString &name : std::as_const(names))
        QVERIFY2(ours.value(name) == real.value(name).toString(),
                 qPrintable(u"%1: ours \"%2\", go \"%3\""_s.arg(name, ours.value(name),
                                                                real.value(name).toString())));
    QCOMPARE(ours.goroot(), real.value(u"GOROOT"_s).toString());
    QCOMPARE(ours.goVersion(), real.value(u"GOVERSION"_s).toString());
    QCOMPARE(ours.goMinor(), is119 ? 19 : 23);
    for (auto it = s.origins.constBegin(); it != s.origins.constEnd(); ++it)
        QCOMPARE(mk::toString(ours.variable(it.key()).origin), mk::toString(it.value()));
}

// ---- (c) the CLI ------------------------------------------------------------------------

namespace {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

CliRun runEnvCommand(const QStringList &args, const GoEnvInputs &inputs)
{
    QString out;
    QString err;
    QTextStream o(&out);
    QTextStream e(&err);
    mk::cli::CliContext ctx{args, o, e, inputs};
    CliRun r;
    r.code = mk::cli::EnvCommand::run(ctx);
    o.flush();
    e.flush();
    r.out = out;
    r.err = err;
    return r;
}

FakeMachine cliMachine()
{
    FakeMachine m;
    m.withGo123();
    m.env = {{u"HOME"_s, u"/home/u"_s},
             {u"GOMODCACHE"_s, u"rel"_s},
             {u"GOPRIVATE"_s, u"corp.example.com"_s}};
    m.files.insert(u"/home/u/.config/go/env"_s, "GOFLAGS=-modcacherw\n"_ba);
    return m;
}

} // namespace

void TestGoEnvironment::shouldPrintOneLinePerVariable()
{
    const CliRun r = runEnvCommand({}, cliMachine().inputs());
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err, QString());
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + GoEnvironment::knownNames().size());
    QCOMPARE(lines.first().simplified(), u"GOROOT=/usr/lib/go-1.23 (go1.23.5)"_s);
    const auto line = [&](const QString &name) {
        for (const QString &l : lines) {
            if (l.startsWith(name + u'='))
                return l.simplified();
        }
        return QString();
    };
    QCOMPARE(line(u"GOPROXY"_s),
             u"GOPROXY=https://proxy.golang.org,direct (go.env: /usr/lib/go-1.23/go.env)"_s);
    QCOMPARE(line(u"GOFLAGS"_s), u"GOFLAGS=-modcacherw (go env file: /home/u/.config/go/env)"_s);
    QCOMPARE(line(u"GOPATH"_s), u"GOPATH=/home/u/go (default)"_s);
    QCOMPARE(line(u"GOPRIVATE"_s), u"GOPRIVATE=corp.example.com (environment)"_s);
    QCOMPARE(line(u"GOINSECURE"_s), u"GOINSECURE= (unset)"_s);
    QCOMPARE(
        line(u"GOMODCACHE"_s),
        u"GOMODCACHE=rel (environment; error: GOMODCACHE entry is relative; must be absolute path: \"rel\".)"_s);
    // The notes line up in one column.
    const qsizetype column = lines.first().indexOf(u"    (");
    for (const QString &l : lines)
        QCOMPARE(l.indexOf(u"    ("), column);
    QCOMPARE(runEnvCommand({u"--help"_s}, cliMachine().inputs()).code, 0);
}

void TestGoEnvironment::shouldPrintJson()
{
    const FakeMachine m = cliMachine();
    const CliRun r = runEnvCommand({u"--json"_s}, m.inputs());
    QCOMPARE(r.code, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.object(), m.resolve().toJson());
    QVERIFY(r.out.contains(u"\n    \"variables\""_s)); // indented
}

void TestGoEnvironment::shouldRejectUnknownOptions()
{
    const CliRun r = runEnvCommand({u"--jsn"_s}, cliMachine().inputs());
    QCOMPARE(r.code, 2);
    QCOMPARE(r.out, QString());
    QVERIFY2(r.err.contains(u"unknown option \"--jsn\""_s), qPrintable(r.err));
    QCOMPARE(runEnvCommand({u"--json"_s, u"extra"_s}, cliMachine().inputs()).code, 2);
}

QTEST_GUILESS_MAIN(TestGoEnvironment)
#include "tst_goenvironment.moc"
