// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "keychain/Credential.h"

namespace mk {

/// The GOAUTH command protocol of Go >= 1.24 (`go help goauth`; go-cache-internals.md §4.5),
/// answered from the keychain by `modkeeper-cli goauth`. go runs the command once with no
/// argument, and again with the URL that got a 4xx (plus the response on stdin). The answer
/// is credential sets: https URL-prefix lines, a blank line, header lines, a blank line.
/// Defensive like a git credential helper (reliability.md §3.3): a URL with CR, LF, NUL or
/// any control character, a non-https URL, user info, or an unknown host gets no answer.
class GoAuthHelper final
{
public:
    /// Validates the URL argument and returns the keychain keys to look for, most specific
    /// first ("host:port", "host").
    [[nodiscard]] static Expected<QStringList> keysForRequestUrl(const QString &url);

    /// One credential set for a keychain key:
    /// "https://<key>/\n\nAuthorization: Basic <base64>\n\n".
    [[nodiscard]] static Expected<QByteArray> credentialSet(const QString &hostKey,
                                                            const Credential &credential);

    /// The GOAUTH value that runs this helper: "<cli> goauth". go splits the command on spaces
    /// without quoting, so a path with white space is an error.
    [[nodiscard]] static Expected<QString> goauthValue(const QString &cliPath);
};

} // namespace mk
