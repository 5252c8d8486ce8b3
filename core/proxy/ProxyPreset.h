// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <utility>

#include <QJsonObject>
#include <QList>
#include <QString>

#include "proxy/ProxySettings.h"

namespace mk {

/// A named proxy configuration the user switches to in one click: a GOPROXY chain plus,
/// optionally, the private-module and checksum variables. Holds no secret, ever: credentials
/// live in the keychain (CredentialStore), keyed by host.
struct ProxyPreset
{
    QString name;
    /// The GOPROXY value: URLs separated by ',' (next entry only on 404/410) or '|' (next
    /// entry on any error), possibly ending in direct or off.
    QString goproxy;
    /// For each of these: nullopt leaves the go env file's line alone when the preset is
    /// applied (switching mirrors keeps the user's GOPRIVATE); an empty string removes the
    /// line (`go env -u`), since an empty line would hide $GOROOT/go.env; anything else sets it.
    std::optional<QString> goprivate;
    std::optional<QString> gonoproxy;
    std::optional<QString> gonosumdb;
    std::optional<QString> gosumdb;
    std::optional<QString> goinsecure;
    QString description;
    bool builtIn = false;

    /// (name, value) of every variable the preset sets, GOPROXY first; see above for "".
    [[nodiscard]] QList<std::pair<QString, QString>> values() const;
    [[nodiscard]] std::optional<QString> value(const QString &name) const;
    void setValue(const QString &name, const std::optional<QString> &value);

    /// Whether go's effective settings are this preset: the same GOPROXY chain (spelled
    /// either way: "goproxy.cn" is "https://goproxy.cn") and every variable the preset sets.
    [[nodiscard]] bool matches(const ProxySettings &effective) const;
    /// How many variables besides GOPROXY the preset pins: the most specific match wins.
    [[nodiscard]] int specificity() const;

    /// proxy.golang.org, goproxy.cn, goproxy.io, aliyun, direct, off.
    [[nodiscard]] static const QList<ProxyPreset> &builtIns();

    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace mk
