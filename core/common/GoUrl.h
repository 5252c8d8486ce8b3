// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include "common/Expected.h"

namespace mk {

/// A URL as Go's net/url.Parse splits and validates it, so that GOPROXY and GOSUMDB values
/// are accepted and rejected exactly as the go command does, with go's error text
/// (`parse "https://a b": invalid character " " in host name`). Checked against go 1.19 and
/// 1.23. QUrl is more lenient in some places and stricter in others, hence this class.
class GoUrl final
{
public:
    /// url.Parse. The error's message is go's *url.Error text; its subject is empty.
    [[nodiscard]] static Expected<GoUrl> parse(const QString &raw);

    [[nodiscard]] QString raw() const { return m_raw; }
    /// Lower-cased, as go stores it; empty for a scheme-less reference.
    [[nodiscard]] QString scheme() const { return m_scheme; }
    /// True when the URL had a "//authority" part.
    [[nodiscard]] bool hasAuthority() const { return m_hasAuthority; }
    /// "host" or "host:port" (IPv6 in brackets), unescaped, case preserved.
    [[nodiscard]] QString host() const { return m_host; }
    /// The host without the port and without IPv6 brackets (url.URL.Hostname()).
    [[nodiscard]] QString hostname() const;
    /// The port digits, or empty.
    [[nodiscard]] QString port() const;
    [[nodiscard]] bool hasUserinfo() const { return m_hasUserinfo; }
    [[nodiscard]] bool hasPassword() const { return m_hasPassword; }
    [[nodiscard]] QString opaque() const { return m_opaque; }
    /// The unescaped path.
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] bool hasQuery() const { return m_hasQuery; }
    [[nodiscard]] bool hasFragment() const { return m_hasFragment; }

    /// The text with any password replaced by "xxxxx" (url.URL.Redacted()); the only form
    /// of a URL that may be shown or logged.
    [[nodiscard]] QString redacted() const;

    /// Redacts a URL that may not even parse: anything between "//" and the last '@' of the
    /// authority is cut down to the user name.
    [[nodiscard]] static QString redact(const QString &raw);
    /// A request URL as it may be shown: no user info, any password redacted.
    [[nodiscard]] static QString shown(const QUrl &url);

    /// Same scheme, host (case-insensitive) and port (80/443 when implicit): where a credential
    /// for a's host may still be sent after a redirect to b.
    [[nodiscard]] static bool sameOrigin(const QUrl &a, const QUrl &b);

private:
    QString m_raw;
    QString m_scheme;
    QString m_host;
    QString m_opaque;
    QString m_path;
    bool m_hasAuthority = false;
    bool m_hasUserinfo = false;
    bool m_hasPassword = false;
    bool m_hasQuery = false;
    bool m_hasFragment = false;
};

} // namespace mk
