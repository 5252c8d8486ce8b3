// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoEnvironment.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>

#include "common/GoQuote.h"
#include "env/GoEnvFile.h"
#include "env/GoFilePath.h"

using namespace Qt::StringLiterals;

// The rules below follow cmd/go of go1.19 and go1.23 (cfg/cfg.go, envcmd/env.go, main.go,
// cache/default.go, modfetch/cache.go) plus os.UserConfigDir/UserCacheDir and
// go/build.defaultGOPATH. Where the releases differ, the rules of the go that was found win.

namespace mk {

namespace {

constexpr int firstGoEnvRelease = 21;     // $GOROOT/go.env and empty compiled-in defaults
constexpr int firstRelativeXdgCheck = 24; // os.UserConfigDir rejects a relative XDG dir

struct Value
{
    QString value;
    EnvOrigin origin = EnvOrigin::Unset;
};

// Everything one resolution needs, so that helpers stay small.
class Resolver
{
public:
    explicit Resolver(const GoEnvInputs &in) : m_in(in) { }

    // os.Getenv: names are case-insensitive on Windows.
    [[nodiscard]] QString getenv(const QString &name) const
    {
        if (const auto it = m_in.environment.constFind(name); it != m_in.environment.constEnd())
            return *it;
        if (m_in.platform == Platform::Windows) {
            for (auto it = m_in.environment.constBegin(); it != m_in.environment.constEnd(); ++it) {
                if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                    return it.value();
            }
        }
        return {};
    }

    [[nodiscard]] std::optional<QByteArray> read(const QString &path) const
    {
        if (path.isEmpty() || !m_in.readFile)
            return std::nullopt;
        return m_in.readFile(path);
    }

    [[nodiscard]] QString clean(const QString &p) const
    {
        return GoFilePath::clean(p, m_in.platform);
    }
    [[nodiscard]] QString join(const QString &a, const QString &b) const
    {
        return GoFilePath::join({a, b}, m_in.platform);
    }
    [[nodiscard]] bool isAbs(const QString &p) const { return GoFilePath::isAbs(p, m_in.platform); }

    // os.UserConfigDir / os.UserCacheDir; the error text is go's.
    [[nodiscard]] Expected<QString> userDir(bool config, int goMinor) const
    {
        switch (m_in.platform) {
        case Platform::Windows: {
            const QString name = config ? u"AppData"_s : u"LocalAppData"_s;
            const QString dir = getenv(name);
            if (dir.isEmpty())
                return Error::make(Error::Code::NotFound, u"%"_s + name + u"% is not defined"_s);
            return dir;
        }
        case Platform::MacOS: {
            const QString home = getenv(u"HOME"_s);
            if (home.isEmpty())
                return Error::make(Error::Code::NotFound, u"$HOME is not defined"_s);
            return QString(home
                           + (config ? u"/Library/Application Support"_s : u"/Library/Caches"_s));
        }
        case Platform::Linux:
            break;
        }
        const QString xdg = config ? u"XDG_CONFIG_HOME"_s : u"XDG_CACHE_HOME"_s;
        const QString dir = getenv(xdg);
        if (dir.isEmpty()) {
            const QString home = getenv(u"HOME"_s);
            if (home.isEmpty())
                return Error::make(Error::Code::NotFound,
                                   u"neither $%1 nor $HOME are defined"_s.arg(xdg));
            return QString(home + (config ? u"/.config"_s : u"/.cache"_s));
        }
        // Up to go1.23 a relative XDG dir is used as is (relative to the go command's cwd).
        if (goMinor >= firstRelativeXdgCheck && !isAbs(dir))
            return Error::make(Error::Code::InvalidArgument, u"path in $%1 is relative"_s.arg(xdg),
                               dir);
        return dir;
    }

private:
    const GoEnvInputs &m_in;
};

QString readVersion(const Resolver &r, const QString &goroot)
{
    if (goroot.isEmpty())
        return {};
    for (const QString &name : {u"VERSION"_s, u"VERSION.cache"_s}) {
        if (const auto data = r.read(r.join(goroot, name))) {
            const QString first = QString::fromUtf8(
                data->left(data->indexOf('\n') < 0 ? data->size() : data->indexOf('\n')));
            if (!first.trimmed().isEmpty())
                return first.trimmed();
        }
    }
    return {};
}

Error makeError(const QString &message, const QString &subject = {})
{
    return Error::make(Error::Code::InvalidArgument, message, subject);
}

// -- The user's env file. Its location never depends on the release, except for the
// relative-XDG check, which needs the version; a GOROOT set only in the file (and no go
// on PATH) is the one case where the version is known only after reading it.
QString locateEnvFile(const Resolver &r, int minor, Value *goenv, Error *err)
{
    if (const QString file = r.getenv(u"GOENV"_s); !file.isEmpty()) {
        // "off" disables the file; go env then shows GOENV as empty.
        *goenv = {file == u"off" ? QString() : file, EnvOrigin::Environment};
        return file == u"off" ? QString() : file;
    }
    const Expected<QString> dir = r.userDir(true, minor);
    if (!dir) {
        *goenv = {QString(), EnvOrigin::Unset};
        *err = makeError(u"cannot find go env config: "_s + dir.error().message,
                         dir.error().subject);
        return {};
    }
    const QString file = r.join(*dir, u"go/env"_s);
    *goenv = {file, EnvOrigin::Default};
    return file;
}

struct Release
{
    QString version; // "go1.23.4", empty if unknown
    int minor = 0;
};

// The release of the go that will run: its VERSION file, else (go1.21+) the presence of go.env.
Release findRelease(const Resolver &r, const QString &osGoroot, const QString &exeRoot)
{
    QString versionRoot
        = !exeRoot.isEmpty() ? exeRoot : (osGoroot.isEmpty() ? QString() : r.clean(osGoroot));
    if (versionRoot.isEmpty()) {
        Value unused;
        Error unusedErr;
        const QString file = locateEnvFile(r, 0, &unused, &unusedErr);
        if (const auto data = r.read(file)) {
            const QString fileGoroot = GoEnvFile::parse(*data).value(u"GOROOT"_s);
            if (!fileGoroot.isEmpty())
                versionRoot = r.clean(fileGoroot);
        }
    }
    Release release;
    release.version = readVersion(r, versionRoot);
    release.minor = GoEnvironment::minorOf(release.version);
    if (release.minor == 0 && !versionRoot.isEmpty() && r.read(r.join(versionRoot, u"go.env"_s)))
        release.minor = firstGoEnvRelease; // only go1.21+ ships go.env
    return release;
}

struct UserEnvFile
{
    QString path; // empty: none (GOENV=off, or no config dir)
    Value goenv;  // GOENV as go env shows it
    Error error;
    QHash<QString, QString> values;
};

UserEnvFile readUserEnvFile(const Resolver &r, int minor)
{
    UserEnvFile file;
    file.path = locateEnvFile(r, minor, &file.goenv, &file.error);
    const std::optional<QByteArray> userData = r.read(file.path);
    file.values = userData ? GoEnvFile::parse(*userData) : QHash<QString, QString>();
    return file;
}

struct Goroot
{
    QString shown;     // GOROOT as go env shows it
    QString goEnvFile; // $GOROOT/go.env (go1.21+)
    QHash<QString, QString> goEnv;
};

// -- GOROOT (cfg.findGOROOT, cfg.SetGOROOT).
Goroot findGoroot(const Resolver &r, bool layered, const QString &osGoroot, const QString &exeRoot,
                  const QHash<QString, QString> &userFile)
{
    Goroot root;
    if (layered) {
        // go1.21+: go.env is found through the *file's* GOROOT first, then the OS one; the
        // GOROOT shown is the raw OS value if set.
        const QString fileGoroot = userFile.value(u"GOROOT"_s);
        const QString rootForGoEnv = !fileGoroot.isEmpty() ? r.clean(fileGoroot)
                                     : !osGoroot.isEmpty() ? r.clean(osGoroot)
                                                           : exeRoot;
        root.shown = !osGoroot.isEmpty() ? osGoroot : rootForGoEnv;
        if (!rootForGoEnv.isEmpty()) {
            root.goEnvFile = r.join(rootForGoEnv, u"go.env"_s);
            if (const auto data = r.read(root.goEnvFile))
                root.goEnv = GoEnvFile::parse(*data);
        }
    } else {
        // go1.19: Getenv("GOROOT") (OS, then file), cleaned; else next to the binary.
        const QString set = !osGoroot.isEmpty() ? osGoroot : userFile.value(u"GOROOT"_s);
        root.shown = !set.isEmpty() ? r.clean(set) : exeRoot;
    }
    return root;
}

// The layers a setting comes from.
class Layers
{
public:
    Layers(const Resolver &r, const QHash<QString, QString> &userFile,
           const QHash<QString, QString> &goEnv, bool layered)
        : m_r(r), m_userFile(userFile), m_goEnv(goEnv), m_layered(layered)
    { }

    // cfg.Getenv: a non-empty OS value, else the user file, else (go1.21+) go.env. A key
    // present in the user file hides go.env even when its value is empty.
    [[nodiscard]] Value lookup(const QString &name) const
    {
        if (const QString os = m_r.getenv(name); !os.isEmpty())
            return {os, EnvOrigin::Environment};
        if (const auto it = m_userFile.constFind(name); it != m_userFile.constEnd())
            return {*it, EnvOrigin::EnvFile};
        if (m_layered) {
            if (const auto it = m_goEnv.constFind(name); it != m_goEnv.constEnd())
                return {*it, EnvOrigin::GoRootEnv};
        }
        return {};
    }

    // cfg.envOr / EnvOrAndChanged: an empty result falls back to the default. When both are
    // empty the origin still says which file set the empty value.
    [[nodiscard]] Value envOr(const QString &name, const QString &def) const
    {
        const Value v = lookup(name);
        if (!v.value.isEmpty())
            return v;
        if (!def.isEmpty())
            return {def, EnvOrigin::Default};
        return v;
    }

private:
    const Resolver &m_r;
    const QHash<QString, QString> &m_userFile;
    const QHash<QString, QString> &m_goEnv;
    bool m_layered;
};

struct Setting
{
    Value value;
    Error error;
};

struct Gopath
{
    Setting setting;
    QString derivedModcache; // GOPATH[0]/pkg/mod
};

// -- GOPATH (go/build.defaultGOPATH, cfg.gopath, main.go checks).
Gopath resolveGopath(const Resolver &r, const Layers &layers, Platform platform,
                     const QString &runtimeGoroot, const QString &gorootForWarning)
{
    const QString homeVar = platform == Platform::Windows ? u"USERPROFILE"_s : u"HOME"_s;
    QString defaultGopath;
    QString gopathError; // cfg.GoPathError
    if (const QString osGopath = r.getenv(u"GOPATH"_s); osGopath.isEmpty()) {
        const QString home = r.getenv(homeVar);
        if (!home.isEmpty()) {
            const QString def = r.join(home, u"go"_s);
            if (r.clean(def) == r.clean(runtimeGoroot))
                gopathError = u"cannot set GOROOT as GOPATH"_s;
            else
                defaultGopath = def;
        } else {
            gopathError = homeVar + u" is not set"_s;
        }
    }
    Value gopath = layers.envOr(u"GOPATH"_s, defaultGopath);
    // GOMODCACHE is derived before main.go looks at GOPATH (cfg package initialisation).
    const QStringList gopathList = GoFilePath::splitList(gopath.value, platform);
    const QString derivedModcache = gopathList.isEmpty() || gopathList.first().isEmpty()
                                        ? QString()
                                        : r.join(gopathList.first(), u"pkg/mod"_s);
    Error gopathErr;
    if (gopath.value.isEmpty()) {
        if (!gopathError.isEmpty())
            gopathErr = makeError(gopathError);
    } else if (r.clean(gopath.value) == r.clean(gorootForWarning)) {
        gopathErr = makeError(u"GOPATH set to GOROOT (%1) has no effect"_s.arg(gopath.value),
                              gopath.value);
    } else {
        for (const QString &p : gopathList) {
            if (p.isEmpty())
                continue;
            if (p.startsWith(u'~')) {
                gopathErr = makeError(u"GOPATH entry cannot start with shell metacharacter '~': "_s
                                          + GoQuote::string(p),
                                      p);
                break;
            }
            if (!r.isAbs(p)) {
                if (layers.lookup(u"GOPATH"_s).value.isEmpty()) {
                    // An inferred relative GOPATH (relative HOME) is dropped silently.
                    gopath = {};
                } else {
                    gopathErr = makeError(u"GOPATH entry is relative; must be absolute path: "_s
                                              + GoQuote::string(p) + u'.',
                                          p);
                    break;
                }
            }
        }
    }
    return {{gopath, gopathErr}, derivedModcache};
}

// -- GOMODCACHE (modfetch.checkCacheDir messages).
Setting resolveModcache(const Resolver &r, const Layers &layers, const QString &derivedModcache)
{
    const Value modcache = layers.envOr(u"GOMODCACHE"_s, derivedModcache);
    Error modcacheErr;
    if (modcache.value.isEmpty())
        modcacheErr = makeError(u"module cache not found: neither GOMODCACHE nor GOPATH is set"_s);
    else if (!r.isAbs(modcache.value))
        modcacheErr = makeError(u"GOMODCACHE entry is relative; must be absolute path: "_s
                                    + GoQuote::string(modcache.value) + u'.',
                                modcache.value);
    return {modcache, modcacheErr};
}

// -- GOCACHE (cache.DefaultDir).
Setting resolveGocache(const Resolver &r, const Layers &layers, int minor)
{
    Value gocache = layers.lookup(u"GOCACHE"_s);
    Error gocacheErr;
    if (!gocache.value.isEmpty()) {
        if (!r.isAbs(gocache.value) && gocache.value != u"off") {
            gocacheErr = makeError(u"GOCACHE is not an absolute path"_s, gocache.value);
            gocache.value = u"off"_s;
        }
    } else if (const Expected<QString> dir = r.userDir(false, minor); !dir) {
        gocache = {u"off"_s, EnvOrigin::Default};
        gocacheErr = makeError(u"GOCACHE is not defined and "_s + dir.error().message,
                               dir.error().subject);
    } else {
        gocache = {r.join(*dir, u"go-build"_s), EnvOrigin::Default};
    }
    return {gocache, gocacheErr};
}

// -- Proxy and checksum settings. go1.21+ has empty compiled-in defaults: the values
// come from $GOROOT/go.env, so a missing go.env really means "no proxy".
QList<std::pair<QString, Value>> proxySettings(const Layers &layers, bool layered)
{
    QList<std::pair<QString, Value>> out;
    out.append(
        {u"GOPROXY"_s,
         layers.envOr(u"GOPROXY"_s, layered ? QString() : u"https://proxy.golang.org,direct"_s)});
    out.append(
        {u"GOSUMDB"_s, layers.envOr(u"GOSUMDB"_s, layered ? QString() : u"sum.golang.org"_s)});
    const Value goprivate = layers.lookup(u"GOPRIVATE"_s);
    out.append({u"GOPRIVATE"_s, goprivate});
    // GONOPROXY and GONOSUMDB default to GOPRIVATE. That is a derived value, so its origin
    // is Default, as for GOMODCACHE derived from GOPATH.
    for (const QString &name : {u"GONOPROXY"_s, u"GONOSUMDB"_s}) {
        const Value v = layers.lookup(name);
        out.append({name, v.value.isEmpty() && !goprivate.value.isEmpty()
                              ? Value{goprivate.value, EnvOrigin::Default}
                              : v});
    }
    out.append({u"GOINSECURE"_s, layers.lookup(u"GOINSECURE"_s)});
    out.append({u"GOFLAGS"_s, layers.lookup(u"GOFLAGS"_s)});
    // go1.19 ignores GOTOOLCHAIN; what the OS or the file says is still reported, since a
    // newer go would use it.
    out.append({u"GOTOOLCHAIN"_s, layers.lookup(u"GOTOOLCHAIN"_s)});
    return out;
}

} // namespace

// ---- GoEnvInputs ----------------------------------------------------------------------

Platform GoEnvInputs::hostPlatform()
{
#if defined(Q_OS_WIN)
    return Platform::Windows;
#elif defined(Q_OS_MACOS)
    return Platform::MacOS;
#else
    return Platform::Linux;
#endif
}

GoEnvInputs GoEnvInputs::fromEnvironment(const QHash<QString, QString> &environment,
                                         Platform platform)
{
    GoEnvInputs in;
    in.platform = platform;
    in.environment = environment;
    in.readFile = [](const QString &path) -> std::optional<QByteArray> {
        // os.ReadFile fails on a directory; so does this.
        if (QFileInfo(path).isDir())
            return std::nullopt;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return std::nullopt;
        return f.readAll();
    };
    in.findGoExecutable = [platform](const QHash<QString, QString> &env) -> QString {
        QString path = env.value(u"PATH"_s);
        if (platform == Platform::Windows) {
            for (auto it = env.constBegin(); it != env.constEnd(); ++it) {
                if (it.key().compare(u"PATH"_s, Qt::CaseInsensitive) == 0)
                    path = it.value();
            }
        }
        QStringList dirs = GoFilePath::splitList(path, platform);
        // Since go1.19 os/exec ignores relative PATH entries; empty ones mean ".".
        dirs.removeIf([platform](const QString &d) { return !GoFilePath::isAbs(d, platform); });
        if (dirs.isEmpty())
            return {};
        const QString exe = QStandardPaths::findExecutable(u"go"_s, dirs);
        if (exe.isEmpty())
            return {};
        // /usr/bin/go -> /usr/lib/go-1.19/bin/go: GOROOT is next to the real binary.
        const QString real = QFileInfo(exe).canonicalFilePath();
        return QDir::toNativeSeparators(real.isEmpty() ? exe : real);
    };
    return in;
}

GoEnvInputs GoEnvInputs::current()
{
    const QProcessEnvironment sys = QProcessEnvironment::systemEnvironment();
    QHash<QString, QString> env;
    const QStringList keys = sys.keys();
    for (const QString &k : keys)
        env.insert(k, sys.value(k));
    return fromEnvironment(env, hostPlatform());
}

// ---- GoEnvironment --------------------------------------------------------------------

int GoEnvironment::minorOf(const QString &goVersion)
{
    static const QRegularExpression re(u"go1\\.(\\d+)"_s);
    const QRegularExpressionMatch m = re.match(goVersion);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

const QStringList &GoEnvironment::knownNames()
{
    static const QStringList names = {
        u"GOPATH"_s,  u"GOMODCACHE"_s, u"GOCACHE"_s,   u"GOENV"_s,
        u"GOPROXY"_s, u"GONOPROXY"_s,  u"GONOSUMDB"_s, u"GOPRIVATE"_s,
        u"GOSUMDB"_s, u"GOINSECURE"_s, u"GOFLAGS"_s,   u"GOTOOLCHAIN"_s,
    };
    return names;
}

GoEnvironment GoEnvironment::resolve(const GoEnvInputs &inputs)
{
    const Resolver r(inputs);
    const Platform platform = inputs.platform;
    GoEnvironment env;
    env.m_platform = platform;
    const auto put = [&](const QString &name, const Value &v, const Error &err = {}) {
        env.m_vars.insert(name, Variable{name, v.value, v.origin, err});
    };

    const QString osGoroot = r.getenv(u"GOROOT"_s);
    const QString exe
        = inputs.findGoExecutable ? inputs.findGoExecutable(inputs.environment) : QString();
    // GOROOT/bin/go -> GOROOT (cfg.findGOROOT's exe/../.. after resolving symlinks).
    const QString exeRoot
        = exe.isEmpty() ? QString() : GoFilePath::dir(GoFilePath::dir(exe, platform), platform);

    const Release release = findRelease(r, osGoroot, exeRoot);
    env.m_goVersion = release.version;
    env.m_goMinor = release.minor;
    const bool layered = release.minor >= firstGoEnvRelease;
    const UserEnvFile userFile = readUserEnvFile(r, release.minor);
    env.m_envFile = userFile.path;
    const Goroot goroot = findGoroot(r, layered, osGoroot, exeRoot, userFile.values);
    env.m_goroot = goroot.shown;
    env.m_goEnvFile = goroot.goEnvFile;
    // runtime.GOROOT() of the go binary: $GOROOT, else where it was installed.
    const QString runtimeGoroot = !osGoroot.isEmpty() ? osGoroot : exeRoot;

    QStringList keysInFiles = userFile.values.keys() + goroot.goEnv.keys();
    keysInFiles.removeDuplicates();
    keysInFiles.sort();
    env.m_keysInFiles = keysInFiles;

    const Layers layers(r, userFile.values, goroot.goEnv, layered);
    const Gopath gopath
        = resolveGopath(r, layers, platform, runtimeGoroot, layered ? env.m_goroot : runtimeGoroot);
    put(u"GOPATH"_s, gopath.setting.value, gopath.setting.error);
    const Setting modcache = resolveModcache(r, layers, gopath.derivedModcache);
    put(u"GOMODCACHE"_s, modcache.value, modcache.error);
    const Setting gocache = resolveGocache(r, layers, release.minor);
    put(u"GOCACHE"_s, gocache.value, gocache.error);
    put(u"GOENV"_s, userFile.goenv, userFile.error);
    for (const auto &[name, value] : proxySettings(layers, layered))
        put(name, value);
    return env;
}

QList<GoEnvironment::Variable> GoEnvironment::variables() const
{
    QList<Variable> out;
    for (const QString &name : knownNames())
        out.append(variable(name));
    return out;
}

GoEnvironment::Variable GoEnvironment::variable(const QString &name) const
{
    if (const auto it = m_vars.constFind(name); it != m_vars.constEnd())
        return *it;
    Variable v;
    v.name = name;
    return v;
}

Expected<QString> GoEnvironment::gomodcache() const
{
    const Variable v = variable(u"GOMODCACHE"_s);
    if (v.error.isError())
        return v.error;
    if (v.value.isEmpty())
        return makeError(u"module cache not found: neither GOMODCACHE nor GOPATH is set"_s);
    return v.value;
}

bool GoEnvironment::modCacheRwIn(const QString &goflags)
{
    // cmd/go/internal/base/goflags.go: strings.Fields, then each word as a flag; a later word
    // overrides an earlier one. A word go rejects (bad bool value) leaves the flag as it was.
    bool on = false;
    const QStringList words = goflags.simplified().split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        QStringView w(word);
        if (!w.startsWith(u'-'))
            continue;
        w = w.mid(w.startsWith(u"--") ? 2 : 1);
        const qsizetype eq = w.indexOf(u'=');
        if ((eq < 0 ? w : w.left(eq)) != u"modcacherw")
            continue;
        if (eq < 0) {
            on = true;
            continue;
        }
        // strconv.ParseBool
        const QStringView v = w.mid(eq + 1);
        if (v == u"1" || v == u"t" || v == u"T" || v == u"true" || v == u"TRUE" || v == u"True")
            on = true;
        else if (v == u"0" || v == u"f" || v == u"F" || v == u"false" || v == u"FALSE"
                 || v == u"False")
            on = false;
    }
    return on;
}

Expected<QString> GoEnvironment::gocache() const
{
    const Variable v = variable(u"GOCACHE"_s);
    if (v.error.isError())
        return v.error;
    if (v.value == u"off")
        return makeError(u"build cache is disabled by GOCACHE=off"_s, v.value);
    if (v.value.isEmpty())
        return makeError(u"GOCACHE is not defined"_s);
    // Before go1.24 a relative XDG_CACHE_HOME yields a relative cache; go would use it
    // relative to its working directory, which means nothing to a cache manager.
    if (!GoFilePath::isAbs(v.value, m_platform))
        return makeError(u"GOCACHE is not an absolute path"_s, v.value);
    return v.value;
}

QJsonObject GoEnvironment::toJson() const
{
    QJsonObject vars;
    for (const Variable &v : variables()) {
        QJsonObject o{{u"value"_s, v.value}, {u"origin"_s, toString(v.origin)}};
        if (v.error.isError())
            o.insert(u"error"_s, v.error.message);
        vars.insert(v.name, o);
    }
    return QJsonObject{
        {u"envFile"_s, m_envFile},
        {u"goroot"_s, m_goroot},
        {u"goVersion"_s, m_goVersion},
        {u"variables"_s, vars},
    };
}

QString toString(EnvOrigin origin)
{
    switch (origin) {
    case EnvOrigin::Environment:
        return u"environment"_s;
    case EnvOrigin::EnvFile:
        return u"go env file"_s;
    case EnvOrigin::GoRootEnv:
        return u"go.env"_s;
    case EnvOrigin::Default:
        return u"default"_s;
    case EnvOrigin::Unset:
        return u"unset"_s;
    }
    return u"unset"_s;
}

} // namespace mk
