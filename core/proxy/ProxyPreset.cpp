// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyPreset.h"

#include "proxy/ProxyList.h"
#include "proxy/ProxyVariable.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// The variables a preset may leave alone: every one but GOPROXY (the first).
std::span<const ProxyVariable> optionalVariables()
{
    return ProxyVariable::all().subspan(1);
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
        makeBuiltIn(u"proxy.golang.org"_s, u"https://proxy.golang.org,direct"_s,
                    u"Go's public module mirror (go's default)"_s),
        makeBuiltIn(u"goproxy.cn"_s, u"https://goproxy.cn,direct"_s,
                    u"Qiniu's mirror, fast in mainland China"_s),
        makeBuiltIn(u"goproxy.io"_s, u"https://goproxy.io,direct"_s,
                    u"The goproxy.io community mirror"_s),
        makeBuiltIn(u"aliyun"_s, u"https://mirrors.aliyun.com/goproxy/,direct"_s,
                    u"Alibaba Cloud's mirror"_s),
        makeBuiltIn(u"direct"_s, u"direct"_s,
                    u"No proxy: fetch every module from its version control repository"_s),
        makeBuiltIn(u"off"_s, u"off"_s,
                    u"No downloads at all: only what is already in the module cache"_s),
    };
    return list;
}

std::optional<QString> ProxyPreset::value(const QString &name) const
{
    const ProxyVariable *v = ProxyVariable::find(name);
    if (!v)
        return std::nullopt;
    return v->preset ? this->*v->preset : std::optional<QString>(goproxy);
}

void ProxyPreset::setValue(const QString &name, const std::optional<QString> &value)
{
    const ProxyVariable *v = ProxyVariable::find(name);
    if (!v)
        return;
    if (v->preset)
        this->*v->preset = value;
    else
        goproxy = value.value_or(QString());
}

QList<std::pair<QString, QString>> ProxyPreset::values() const
{
    QList<std::pair<QString, QString>> out{{u"GOPROXY"_s, goproxy}};
    for (const ProxyVariable &pv : optionalVariables()) {
        if (const std::optional<QString> &v = this->*pv.preset)
            out.append({pv.name.toString(), *v});
    }
    return out;
}

int ProxyPreset::specificity() const
{
    int n = 0;
    for (const ProxyVariable &pv : optionalVariables())
        n += (this->*pv.preset).has_value() ? 1 : 0;
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
    for (const ProxyVariable &pv : optionalVariables()) {
        const std::optional<QString> &v = this->*pv.preset;
        if (v && *v != effective.*pv.setting)
            return false;
    }
    return true;
}

QJsonObject ProxyPreset::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"GOPROXY"_s, goproxy}, {u"builtIn"_s, builtIn}};
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    for (const ProxyVariable &pv : optionalVariables()) {
        if (const std::optional<QString> &v = this->*pv.preset)
            o.insert(pv.name, *v);
    }
    return o;
}

} // namespace mk
