// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"

namespace mk {

/// Where a resolved go environment value came from, in go's order of precedence.
enum class EnvOrigin {
    Environment, ///< the process environment (a non-empty value)
    EnvFile,     ///< the user's go env file ($GOENV, written by `go env -w`)
    GoRootEnv,   ///< $GOROOT/go.env (Go >= 1.21)
    Default,     ///< go's built-in default, or derived from another value (GOMODCACHE from GOPATH,
                 ///< GONOPROXY/GONOSUMDB from GOPRIVATE)
    Unset,       ///< no value anywhere
};

enum class Platform {
    Linux,
    MacOS,
    Windows
};

/// Everything the resolution depends on. Tests fill it to simulate other machines.
struct GoEnvInputs
{
    Platform platform = Platform::Linux;
    QHash<QString, QString> environment; ///< the OS environment
    /// Reads a file; nullopt when it does not exist or cannot be read.
    std::function<std::optional<QByteArray>(const QString &path)> readFile;
    /// Finds the go command on PATH and resolves symlinks; empty if there is none.
    std::function<QString(const QHash<QString, QString> &environment)> findGoExecutable;

    /// This process: its environment, the real disk, and the host platform.
    [[nodiscard]] static GoEnvInputs current();
    /// The real disk and a PATH search, with the given environment in place of this
    /// process's (e.g. the environment a go subprocess will get).
    [[nodiscard]] static GoEnvInputs fromEnvironment(const QHash<QString, QString> &environment,
                                                     Platform platform = hostPlatform());
    [[nodiscard]] static Platform hostPlatform();
};

/// The go environment, resolved exactly as the go command does (go-cache-internals.md §5)
/// without running go: OS environment (empty counts as unset) > go env file > $GOROOT/go.env
/// (when the go found is >= 1.21) > built-in defaults.
///
/// Where go releases differ, the rules of the go found on PATH (its $GOROOT/VERSION) apply:
/// go.env layering and empty compiled-in GOPROXY/GOSUMDB defaults from 1.21, GOROOT taken
/// from the env file before the OS for locating go.env (1.21+), relative XDG dirs rejected
/// from 1.24. With no go at all, go1.19's rules and defaults are used.
/// Not modelled: GOTOOLCHAIN switching to another toolchain, and a go binary installed in
/// $GOROOT/bin/GOOS_GOARCH.
class GoEnvironment final
{
public:
    struct Variable
    {
        QString name;
        QString value;
        EnvOrigin origin = EnvOrigin::Unset;
        /// go's own complaint about the value, in go's words (e.g. a relative GOMODCACHE). For
        /// GOPATH it is also go's warning "GOPATH set to GOROOT (...) has no effect".
        Error error;
    };

    [[nodiscard]] static GoEnvironment resolve(const GoEnvInputs &inputs);
    [[nodiscard]] static GoEnvironment current() { return resolve(GoEnvInputs::current()); }

    /// GOPATH GOMODCACHE GOCACHE GOENV GOPROXY GONOPROXY GONOSUMDB GOPRIVATE GOSUMDB GOINSECURE
    /// GOFLAGS GOTOOLCHAIN, in that order.
    [[nodiscard]] static const QStringList &knownNames();

    [[nodiscard]] QList<Variable> variables() const;
    [[nodiscard]] Variable variable(const QString &name) const;
    [[nodiscard]] QString value(const QString &name) const { return variable(name).value; }

    /// GOMODCACHE, or go's error when it cannot be determined or is relative.
    [[nodiscard]] Expected<QString> gomodcache() const;
    /// GOCACHE, or go's error ("off" and relative values are errors here).
    [[nodiscard]] Expected<QString> gocache() const;
    /// Whether GOFLAGS asks for -modcacherw (leave extracted trees writable), read as go reads
    /// GOFLAGS: whitespace-separated -flag, --flag or -flag=value words, the last one winning,
    /// a value parsed as strconv.ParseBool ("-modcacherw=false" turns it off).
    [[nodiscard]] bool modCacheRw() const { return modCacheRwIn(value(QStringLiteral("GOFLAGS"))); }
    /// The same rule for a GOFLAGS value.
    [[nodiscard]] static bool modCacheRwIn(const QString &goflags);

    /// The go env file in use; empty when GOENV=off or no config dir can be found.
    [[nodiscard]] QString envFile() const { return m_envFile; }
    /// GOROOT of the go command found (from GOROOT or PATH); empty if none.
    [[nodiscard]] QString goroot() const { return m_goroot; }
    /// e.g. "go1.23.5", from $GOROOT/VERSION; empty if unknown.
    [[nodiscard]] QString goVersion() const { return m_goVersion; }
    /// N of go1.N whose rules were applied; 0 when no go was found (go1.19-style defaults).
    [[nodiscard]] int goMinor() const { return m_goMinor; }
    /// The $GOROOT/go.env that was consulted (Go >= 1.21); empty otherwise.
    [[nodiscard]] QString goEnvFile() const { return m_goEnvFile; }
    [[nodiscard]] Platform platform() const { return m_platform; }
    /// Keys present in the user's env file or go.env: Go >= 1.21 lets `go env -w` set them.
    [[nodiscard]] QStringList keysInFiles() const { return m_keysInFiles; }

    /// 23 for "go1.23.5", 21 for "go1.21rc2" or "devel go1.21-abcdef ..."; 0 if unknown.
    [[nodiscard]] static int minorOf(const QString &goVersion);

    /// {"envFile", "goroot", "goVersion", "variables": {"NAME": {"value", "origin", "error"}}}
    [[nodiscard]] QJsonObject toJson() const;

private:
    QHash<QString, Variable> m_vars;
    QString m_envFile;
    QString m_goroot;
    QString m_goVersion;
    QString m_goEnvFile;
    QStringList m_keysInFiles;
    int m_goMinor = 0;
    Platform m_platform = Platform::Linux;
};

/// "environment", "go env file", "go.env", "default", "unset".
[[nodiscard]] QString toString(EnvOrigin origin);

} // namespace mk
