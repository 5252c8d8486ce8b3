// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProxyVariable.h"

#include <algorithm>

#include "proxy/ProxyPreset.h"
#include "proxy/ProxySettings.h"

namespace mk {

namespace {

constexpr ProxyVariable kVariables[] = {
    {u"GOPROXY", &ProxySettings::goproxy, nullptr},
    {u"GOPRIVATE", &ProxySettings::goprivate, &ProxyPreset::goprivate},
    {u"GONOPROXY", &ProxySettings::gonoproxy, &ProxyPreset::gonoproxy},
    {u"GONOSUMDB", &ProxySettings::gonosumdb, &ProxyPreset::gonosumdb},
    {u"GOSUMDB", &ProxySettings::gosumdb, &ProxyPreset::gosumdb},
    {u"GOINSECURE", &ProxySettings::goinsecure, &ProxyPreset::goinsecure},
};
static_assert(kVariables[0].preset == nullptr,
              "GOPROXY comes first, and only it is not optional in a preset");

} // namespace

std::span<const ProxyVariable> ProxyVariable::all()
{
    return kVariables;
}

const ProxyVariable *ProxyVariable::find(QStringView name)
{
    const auto it = std::find_if(std::begin(kVariables), std::end(kVariables),
                                 [&](const ProxyVariable &v) { return v.name == name; });
    return it != std::end(kVariables) ? it : nullptr;
}

QStringList ProxyVariable::optionalNames()
{
    QStringList names;
    for (const ProxyVariable &v : all())
        if (v.preset)
            names.append(v.name.toString());
    return names;
}

} // namespace mk
