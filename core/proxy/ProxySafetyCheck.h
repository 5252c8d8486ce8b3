// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <utility>

#include <QList>
#include <QString>
#include <QStringList>

#include "common/Expected.h"

namespace mk {

/// Values that weaken go's integrity checks get a warning the UI and the CLI show before
/// saving, and ask to confirm (reliability.md F8): GOSUMDB=off, broad GONOSUMDB / GOPRIVATE
/// patterns ("*"), any GOINSECURE, unencrypted http:// proxies.
class ProxySafetyCheck final
{
public:
    struct Warning
    {
        QString name; ///< the variable
        QString value;
        QString message; ///< one sentence: what is weakened
    };

    /// Warnings for (variable, value) pairs; empty values (removals) never warn.
    [[nodiscard]] static QList<Warning> check(const QList<std::pair<QString, QString>> &values);

    /// A pattern that matches (nearly) every module: its first path element has fewer than two
    /// literal dot-separated labels ("*", "*.com", "?*"), or it is a whole public code host
    /// ("github.com").
    [[nodiscard]] static bool isBroadPattern(const QString &glob);

    /// Credentials are only ever sent over https: a chain entry http://HOST for a host with a
    /// stored credential is an error, not a warning.
    [[nodiscard]] static Status checkCredentialTransport(const QString &goproxy,
                                                         const QStringList &credentialHosts);
};

} // namespace mk
