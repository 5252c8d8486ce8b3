// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "common/Expected.h"

namespace mk {

/// A user name and a password or token for one proxy host. Lives only in memory and in the
/// OS keychain: never in QSettings, the go env file, logs, argv or the UI after entry.
struct Credential
{
    QString username;
    QString secret;

    [[nodiscard]] bool isEmpty() const { return username.isEmpty() && secret.isEmpty(); }
    /// "Basic base64(username:secret)", the HTTP Authorization header value.
    [[nodiscard]] QByteArray basicAuthorization() const;

    /// Rules for values that end up in an Authorization header, a .netrc line and the GOAUTH
    /// protocol: no control characters (CR/LF/NUL would inject lines), no ':' in the user
    /// name (basic auth splits at the first one), a non-empty secret. Errors never quote the
    /// secret.
    [[nodiscard]] Status validate() const;

    /// The keychain entry's bytes (JSON {"username","secret"}), and back.
    [[nodiscard]] QByteArray toKeychainData() const;
    [[nodiscard]] static Expected<Credential> fromKeychainData(const QByteArray &data);

    /// Overwrites the characters before the strings are released (best effort: Qt may hold
    /// other copies).
    void wipe();
};

} // namespace mk
