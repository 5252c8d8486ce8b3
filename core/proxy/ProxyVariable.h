// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <span>

#include <QString>
#include <QStringList>
#include <QStringView>

namespace mk {

struct ProxyPreset;
struct ProxySettings;

/// One of the six variables that decide where go fetches modules and what the checksum
/// database checks, with its field in ProxySettings and in ProxyPreset: the one table both
/// read and write their variables by name through.
struct ProxyVariable
{
    QStringView name;
    QString ProxySettings::*setting;
    /// nullptr for GOPROXY, which every preset sets (the plain ProxyPreset::goproxy).
    std::optional<QString> ProxyPreset::*preset;

    /// GOPROXY GOPRIVATE GONOPROXY GONOSUMDB GOSUMDB GOINSECURE, in that order (GOPROXY first).
    [[nodiscard]] static std::span<const ProxyVariable> all();
    /// The names of the variables a preset may leave unset: all but GOPROXY, in table order.
    [[nodiscard]] static QStringList optionalNames();
    /// The row called name; nullptr for any other name.
    [[nodiscard]] static const ProxyVariable *find(QStringView name);
};

} // namespace mk
