// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxySettings.h"

using namespace Qt::StringLiterals;

namespace mk {

const QStringList &ProxySettings::names()
{
    static const QStringList n = {u"GOPROXY"_s, u"GOPRIVATE"_s, u"GONOPROXY"_s,
                                  u"GONOSUMDB"_s, u"GOSUMDB"_s, u"GOINSECURE"_s};
    return n;
}

QString ProxySettings::value(const QString &name) const
{
    if (name == u"GOPROXY")
        return goproxy;
    if (name == u"GOPRIVATE")
        return goprivate;
    if (name == u"GONOPROXY")
        return gonoproxy;
    if (name == u"GONOSUMDB")
        return gonosumdb;
    if (name == u"GOSUMDB")
        return gosumdb;
    if (name == u"GOINSECURE")
        return goinsecure;
    return {};
}

void ProxySettings::setValue(const QString &name, const QString &value)
{
    if (name == u"GOPROXY")
        goproxy = value;
    else if (name == u"GOPRIVATE")
        goprivate = value;
    else if (name == u"GONOPROXY")
        gonoproxy = value;
    else if (name == u"GONOSUMDB")
        gonosumdb = value;
    else if (name == u"GOSUMDB")
        gosumdb = value;
    else if (name == u"GOINSECURE")
        goinsecure = value;
}

ProxySettings ProxySettings::fromEnvironment(const GoEnvironment &env)
{
    ProxySettings s;
    for (const QString &name : names()) {
        const GoEnvironment::Variable v = env.variable(name);
        // GoEnvironment reports GONOPROXY/GONOSUMDB derived from GOPRIVATE with origin Default.
        const bool derived = (name == u"GONOPROXY" || name == u"GONOSUMDB") && v.origin == EnvOrigin::Default;
        s.setValue(name, derived ? QString() : v.value);
    }
    return s;
}

} // namespace mk
