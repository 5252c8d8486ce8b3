// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxySettings.h"

#include "proxy/ProxyVariable.h"

using namespace Qt::StringLiterals;

namespace mk {

const QStringList &ProxySettings::names()
{
    static const QStringList n = [] {
        QStringList out;
        for (const ProxyVariable &v : ProxyVariable::all())
            out << v.name.toString();
        return out;
    }();
    return n;
}

QString ProxySettings::value(const QString &name) const
{
    const ProxyVariable *v = ProxyVariable::find(name);
    return v ? this->*v->setting : QString();
}

void ProxySettings::setValue(const QString &name, const QString &value)
{
    if (const ProxyVariable *v = ProxyVariable::find(name))
        this->*v->setting = value;
}

ProxySettings ProxySettings::fromEnvironment(const GoEnvironment &env)
{
    ProxySettings s;
    for (const ProxyVariable &pv : ProxyVariable::all()) {
        const GoEnvironment::Variable v = env.variable(pv.name.toString());
        // GoEnvironment reports GONOPROXY/GONOSUMDB derived from GOPRIVATE with origin Default.
        const bool derived = (pv.name == u"GONOPROXY" || pv.name == u"GONOSUMDB")
                             && v.origin == EnvOrigin::Default;
        s.*pv.setting = derived ? QString() : v.value;
    }
    return s;
}

} // namespace mk
