// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk {

/// A GOSUMDB value read as go's modfetch.dbDial does (go-cache-internals.md §4.4): "off",
/// a known name (sum.golang.org, and the alias sum.golang.google.cn), a verifier key
/// "<name>+<hash>+<key>", each optionally followed by a URL. Errors are go's own text.
class SumDbConfig final
{
public:
    /// The built-in verifier key of sum.golang.org.
    static constexpr const char16_t *GoSumDbKey
        = u"sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

    [[nodiscard]] static Expected<SumDbConfig> parse(const QString &gosumdb);

    [[nodiscard]] bool isOff() const { return m_off; }
    /// The database name, e.g. "sum.golang.org".
    [[nodiscard]] QString name() const { return m_name; }
    /// The full verifier key.
    [[nodiscard]] QString key() const { return m_key; }
    /// The URL given in GOSUMDB ("name url" form), which bypasses the proxies; empty when the
    /// database is reached through the GOPROXY entries, then https://<name>.
    [[nodiscard]] QString explicitUrl() const { return m_url; }

private:
    bool m_off = false;
    QString m_name;
    QString m_key;
    QString m_url;
};

} // namespace mk
