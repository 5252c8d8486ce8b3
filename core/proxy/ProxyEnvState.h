// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "env/GoEnvironment.h"
#include "proxy/ProxySettings.h"

namespace mk {

/// The proxy variables as stored in the go env file next to what go will really use, so that
/// an OS environment variable hiding the file is shown instead of silently defeating a switch
/// (reliability.md G2).
class ProxyEnvState final
{
public:
    struct Variable
    {
        QString name;
        QString effective; ///< what go uses
        EnvOrigin origin = EnvOrigin::Unset;
        std::optional<QString> stored; ///< the go env file's value; nullopt when the file lacks it
        QString environment;           ///< the OS environment's value (empty counts as unset)
    };

    /// A variable whose file value the OS environment overrides.
    struct Override
    {
        QString name;
        QString environmentValue;
        std::optional<QString> storedValue;
        QString explanation; ///< one paragraph: why the switch will not apply in that shell
    };

    /// Resolves inputs and reads the env file through inputs.readFile.
    [[nodiscard]] static ProxyEnvState read(const GoEnvInputs &inputs);

    [[nodiscard]] QList<Variable> variables() const { return m_vars; }
    [[nodiscard]] Variable variable(const QString &name) const;
    /// The effective settings, for ProxyRoute and preset matching.
    [[nodiscard]] ProxySettings effective() const { return m_effective; }
    [[nodiscard]] QString envFile() const { return m_envFile; }
    /// GOENV=off in the OS environment: go reads no file, and ModKeeper refuses to write one.
    [[nodiscard]] bool envFileDisabled() const { return m_envFileDisabled; }
    [[nodiscard]] QString goVersion() const { return m_goVersion; }

    /// For the given names (default: all six), the ones the OS environment overrides. Writing
    /// GOPRIVATE also reports GONOPROXY/GONOSUMDB set in the environment, since those then
    /// stop following GOPRIVATE.
    [[nodiscard]] QList<Override> overrides(const QStringList &names = {}) const;

    [[nodiscard]] QJsonObject toJson() const;

private:
    QList<Variable> m_vars;
    ProxySettings m_effective;
    QString m_envFile;
    QString m_goVersion;
    bool m_envFileDisabled = false;
};

} // namespace mk
