// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include "env/GoEnvironment.h"

namespace mk {

/// The six variables that decide where go fetches modules and what the checksum database
/// checks, as raw values (before GONOPROXY/GONOSUMDB default to GOPRIVATE).
struct ProxySettings
{
    QString goproxy;
    QString goprivate;
    QString gonoproxy; ///< empty: defaults to goprivate
    QString gonosumdb; ///< empty: defaults to goprivate
    QString gosumdb;
    QString goinsecure;

    /// cfg.GONOPROXY: GONOPROXY, or GOPRIVATE when GONOPROXY is empty.
    [[nodiscard]] QString effectiveNoProxy() const
    {
        return gonoproxy.isEmpty() ? goprivate : gonoproxy;
    }
    /// cfg.GONOSUMDB: GONOSUMDB, or GOPRIVATE when GONOSUMDB is empty.
    [[nodiscard]] QString effectiveNoSumDb() const
    {
        return gonosumdb.isEmpty() ? goprivate : gonosumdb;
    }

    /// GOPROXY GOPRIVATE GONOPROXY GONOSUMDB GOSUMDB GOINSECURE.
    [[nodiscard]] static const QStringList &names();
    [[nodiscard]] QString value(const QString &name) const;
    void setValue(const QString &name, const QString &value);

    /// The effective values of a resolved environment; the GOPRIVATE default of GONOPROXY and
    /// GONOSUMDB is undone so that it can be reported as such.
    [[nodiscard]] static ProxySettings fromEnvironment(const GoEnvironment &env);

    [[nodiscard]] bool operator==(const ProxySettings &other) const = default;
};

} // namespace mk
