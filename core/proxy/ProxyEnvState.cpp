// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyEnvState.h"

#include <QJsonArray>

#include "env/GoEnvFile.h"

using namespace Qt::StringLiterals;

namespace mk {

ProxyEnvState ProxyEnvState::read(const GoEnvInputs &inputs)
{
    ProxyEnvState state;
    const GoEnvironment env = GoEnvironment::resolve(inputs);
    state.m_envFile = env.envFile();
    state.m_goVersion = env.goVersion();
    state.m_envFileDisabled = inputs.environment.value(u"GOENV"_s) == u"off";
    state.m_effective = ProxySettings::fromEnvironment(env);

    QHash<QString, QString> file;
    if (!state.m_envFile.isEmpty() && inputs.readFile) {
        if (const std::optional<QByteArray> data = inputs.readFile(state.m_envFile))
            file = GoEnvFile::parse(*data);
    }
    for (const QString &name : ProxySettings::names()) {
        const GoEnvironment::Variable v = env.variable(name);
        Variable out;
        out.name = name;
        out.effective = v.value;
        out.origin = v.origin;
        if (const auto it = file.constFind(name); it != file.constEnd())
            out.stored = *it;
        out.environment = inputs.environment.value(name);
        state.m_vars.append(out);
    }
    return state;
}

ProxyEnvState::Variable ProxyEnvState::variable(const QString &name) const
{
    for (const Variable &v : m_vars) {
        if (v.name == name)
            return v;
    }
    Variable v;
    v.name = name;
    return v;
}

QList<ProxyEnvState::Override> ProxyEnvState::overrides(const QStringList &names) const
{
    QStringList wanted = names.isEmpty() ? ProxySettings::names() : names;
    // GONOPROXY/GONOSUMDB from the environment also defeat a GOPRIVATE change.
    if (wanted.contains(u"GOPRIVATE"_s)) {
        for (const QString &derived : {u"GONOPROXY"_s, u"GONOSUMDB"_s}) {
            if (!wanted.contains(derived))
                wanted.append(derived);
        }
    }
    QList<Override> out;
    for (const QString &name : std::as_const(wanted)) {
        const Variable v = variable(name);
        if (v.environment.isEmpty())
            continue;
        Override o;
        o.name = name;
        o.environmentValue = v.environment;
        o.storedValue = v.stored;
        const QString stored
            = v.stored ? u"%1=%2"_s.arg(name, *v.stored) : u"no %1 line"_s.arg(name);
        o.explanation = u"%1=%2 is set in the OS environment of this process, and go always "
                        u"prefers a non-empty environment "
                        "variable to the go env file (which has %3). Every shell or program that "
                        "inherits this variable keeps "
                        "using %2; remove it from the shell profile or session (e.g. `unset %1`) "
                        "for the change to take "
                        "effect there."_s.arg(name, v.environment, stored);
        if (!names.isEmpty() && !names.contains(name))
            o.explanation += u" It also stops %1 from following GOPRIVATE."_s.arg(name);
        out.append(o);
    }
    return out;
}

QJsonObject ProxyEnvState::toJson() const
{
    QJsonObject vars;
    for (const Variable &v : m_vars) {
        QJsonObject o{{u"effective"_s, v.effective}, {u"origin"_s, toString(v.origin)}};
        o.insert(u"stored"_s, v.stored ? QJsonValue(*v.stored) : QJsonValue(QJsonValue::Null));
        if (!v.environment.isEmpty())
            o.insert(u"environment"_s, v.environment);
        vars.insert(v.name, o);
    }
    QJsonArray over;
    for (const Override &o : overrides())
        over.append(QJsonObject{{u"name"_s, o.name},
                                {u"environment"_s, o.environmentValue},
                                {u"explanation"_s, o.explanation}});
    return QJsonObject{{u"envFile"_s, m_envFile},
                       {u"envFileDisabled"_s, m_envFileDisabled},
                       {u"goVersion"_s, m_goVersion},
                       {u"variables"_s, vars},
                       {u"overrides"_s, over}};
}

} // namespace mk
