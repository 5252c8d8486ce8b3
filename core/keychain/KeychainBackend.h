// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QByteArray>
#include <QString>

namespace mk {

/// The secret storage behind CredentialStore: the OS keychain (QtKeychainBackend), or a fake
/// in tests (slow, hung, failing). Every call is made on CredentialStore's keychain thread,
/// which runs an event loop; the backend calls done on that thread exactly once, or never
/// when it hangs (CredentialStore's timeout covers that).
class KeychainBackend
{
public:
    enum class Outcome {
        Ok,
        NotFound,
        /// Anything else: no secret service, locked or denied, a backend error. Never a
        /// reason to fall back to plain text.
        Unavailable,
    };
    struct Reply
    {
        Outcome outcome = Outcome::Unavailable;
        QByteArray data; ///< read: the stored bytes
        QString detail;  ///< the backend's own error text
        int backendCode = 0;
    };
    using Done = std::function<void(const Reply &)>;

    virtual ~KeychainBackend() = default;

    virtual void read(const QString &service, const QString &key, Done done) = 0;
    virtual void write(const QString &service, const QString &key, const QByteArray &data,
                       Done done)
        = 0;
    virtual void remove(const QString &service, const QString &key, Done done) = 0;
};

} // namespace mk
