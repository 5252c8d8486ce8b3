// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyPreset.h"

#include "proxy/ProxyList.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

const QStringList &optionalNames()
{
    static const QStringList n = {u"GOPRIVATE"_s, u"GONOPROXY"_s, u"GONOSUMDB"_s, u"GOSUMDB"_s, u"GOINSECURE"_s};
    return n;
}

ProxyPreset makeBuiltIn(const QString &name, const QString &goproxy, const QString &description)
{
    ProxyPreset p;
    p.name = name;
    p.goproxy = goproxy;
    p.description = description;
    p.builtIn = true;
    return p;
}

} // namespace

const QList<ProxyPreset> &ProxyPreset::builtIns()
{
    static const QList<ProxyPreset> list = {
        makeBuiltIn(u"proxy.golang.org"_s, u"https://proxy.golang.org,direct"_s, u"Go's public module mirror (go's default)"_s),
        makeBuiltIn(u"goproxy.cn"_s, u"https://goproxy.cn,direct"_s, u"Qiniu's mirror, fast in mainland China"_s),
        makeBuiltIn(u"goproxy.io"_s, u"https://goproxy.io,direct"_s, u"The goproxy.io community mirror"_s),
        makeBuiltIn(u"aliyun"_s, u"https://mirrors.aliyun.com/goproxy/,direct"_s, u"Alibaba Cloud's mirror"_s),
        makeBuiltIn(u"direct"_s, u"direct"_s, u"No proxy: fetch every module from its version control repository"_s),
        makeBuiltIn(u"off"_s, u"off"_s, u"No downloads at all: only what is already in the module cache"_s),
    };
    return list;
}

std::optional<QString> ProxyPreset::value(const QString &name) const
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
    return std::nullopt;
}

void ProxyPreset::setValue(const QString &name, const std::optional<QString> &v)
{
    if (name == u"GOPROXY")
        goproxy = v.value_or(QString());
    else if (name == u"GOPRIVATE")
        goprivate = v;
    else if (name == u"GONOPROXY")
        gonoproxy = v;
    else if (name == u"GONOSUMDB")
        gonosumdb = v;
    else if (name == u"GOSUMDB")
        gosumdb = v;
    else if (name == u"GOINSECURE")
        goinsecure = v;
}

QList<std::pair<QString, QString>> ProxyPreset::values() const
{
    QList<std::pair<QString, QString>> out{{u"GOPROXY"_s, goproxy}};
    for (const QString &name : optionalNames()) {
        if (const std::optional<QString> v = value(name))
            out.append({name, *v});
    }
    return out;
}

int ProxyPreset::specificity() const
{
    int n = 0;
    for (const QString &name : optionalNames())
        n += value(name).has_value() ? 1 : 0;
    return n;
}

bool ProxyPreset::matches(const ProxySettings &effective) const
{
    const Expected<ProxyList> mine = ProxyList::parse(goproxy);
    const Expected<ProxyList> theirs = ProxyList::parse(effective.goproxy);
    if (mine && theirs) {
        if (!mine->sameChainAs(*theirs))
            return false;
    } else if (goproxy.trimmed() != effective.goproxy.trimmed()) {
        return false;
    }
    for (const QString &name : optionalNames()) {
        const std::optional<QString> v = value(name);
        if (v && *v != effective.value(name))
            return false;
    }
    return true;
}

QJsonObject ProxyPreset::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"GOPROXY"_s, goproxy}, {u"builtIn"_s, builtIn}};
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    for (const QString &n : optionalNames()) {
        if (const std::optional<QString> v = value(n))
            o.insert(n, *v);
    }
    return o;
}

} // namespace mk
