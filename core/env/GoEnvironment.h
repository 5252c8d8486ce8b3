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
    Default,     ///< go's built-in default, or derived from another value (GOMODCACHE from GOPATH)
    Unset,       ///< no value anywhere
};

enum class Platform { Linux, MacOS, Windows };

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
};

/// The go environment, resolved exactly as the go command does (go-cache-internals.md §5)
/// without running go: OS environment (empty counts as unset) > go env file > $GOROOT/go.env
/// (when the go found is >= 1.21) > built-in defaults.
class GoEnvironment final
{
public:
    struct Variable
    {
        QString name;
        QString value;
        EnvOrigin origin = EnvOrigin::Unset;
        Error error; ///< go's own complaint about the value (e.g. a relative GOMODCACHE)
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

    /// The go env file in use; empty when GOENV=off or no config dir can be found.
    [[nodiscard]] QString envFile() const { return m_envFile; }
    /// GOROOT of the go command found (from GOROOT or PATH); empty if none.
    [[nodiscard]] QString goroot() const { return m_goroot; }
    /// e.g. "go1.23.5", from $GOROOT/VERSION; empty if unknown.
    [[nodiscard]] QString goVersion() const { return m_goVersion; }

    /// {"envFile", "goroot", "goVersion", "variables": {"NAME": {"value", "origin", "error"}}}
    [[nodiscard]] QJsonObject toJson() const;

private:
    QHash<QString, Variable> m_vars;
    QString m_envFile;
    QString m_goroot;
    QString m_goVersion;
};

/// "environment", "go env file", "go.env", "default", "unset".
[[nodiscard]] QString toString(EnvOrigin origin);

} // namespace mk
