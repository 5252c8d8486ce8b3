// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QFuture>
#include <QString>
#include <QStringList>

#include "common/Expected.h"
#include "keychain/Credential.h"
#include "keychain/KeychainBackend.h"

namespace mk {

/// The outcome of one keychain request.
struct CredentialResult
{
    enum class State {
        Ok,              ///< done; for read, credential holds the entry
        NotFound,        ///< no entry for this host
        NoSecureStorage, ///< no usable keychain: nothing was stored anywhere (no plain-text
                         ///< fallback)
        TimedOut,        ///< the keychain did not answer in time (unlock prompt, hung service)
        Invalid,         ///< bad input, or an entry not in ModKeeper's format
    };
    State state = State::NoSecureStorage;
    QString host;
    Credential credential; ///< read + Ok only
    Error error;           ///< a sentence for people, for every state but Ok

    [[nodiscard]] bool ok() const { return state == State::Ok; }
};

/// Per-host proxy credentials in the OS keychain (service "ModKeeper GOPROXY", key = host).
///
/// Never blocks its caller: each request returns a QFuture that finishes with the result, or
/// with TimedOut after timeoutMs, whatever the keychain does (reliability.md D6). The
/// QtKeychain jobs run on one process-wide thread with its own event loop (QtKeychain queues
/// every job through a global executor bound to the first thread that used it, so that
/// thread must live as long as the process); timeouts run on a second thread, so a backend
/// that blocks the keychain thread cannot stall them. A timed-out job is left to finish on
/// its own, never deleted early.
///
/// The list of hosts that have a credential (no secret) is kept in QSettings, for the GOAUTH
/// helper and the UI; it is only updated after the keychain confirmed a write or a removal.
class CredentialStore final
{
public:
    static constexpr int DefaultTimeoutMs = 10000;

    /// "ModKeeper GOPROXY".
    [[nodiscard]] static QString serviceName();
    /// The store over the OS keychain.
    [[nodiscard]] static CredentialStore &instance();

    /// A store over another backend (tests: hung, failing); service names the entries.
    explicit CredentialStore(std::shared_ptr<KeychainBackend> backend,
                             QString service = serviceName());

    /// host: "proxy.corp.example", "proxy.corp.example:8443" or an https URL (see normalizeHost).
    [[nodiscard]] QFuture<CredentialResult> read(const QString &host,
                                                 int timeoutMs = DefaultTimeoutMs) const;
    [[nodiscard]] QFuture<CredentialResult> write(const QString &host, const Credential &credential,
                                                  int timeoutMs = DefaultTimeoutMs) const;
    [[nodiscard]] QFuture<CredentialResult> remove(const QString &host,
                                                   int timeoutMs = DefaultTimeoutMs) const;
    /// Ok when a secure keychain answers (a read of a reserved entry), else NoSecureStorage or
    /// TimedOut: the UI's "no secure storage" state.
    [[nodiscard]] QFuture<CredentialResult> checkAvailable(int timeoutMs = DefaultTimeoutMs) const;

    /// The keychain key for a host or URL: lower-case host, ":port" kept unless 443. An http
    /// URL is refused (credentials only travel over https), as are user info, paths and
    /// control characters.
    [[nodiscard]] static Expected<QString> normalizeHost(const QString &hostOrUrl);
    /// Keys to try for a request URL, most specific first: "host:port", then "host".
    [[nodiscard]] static QStringList keysForUrl(const QString &url);

    /// Hosts with a stored credential (from QSettings; no secrets there).
    [[nodiscard]] static QStringList knownHosts();

private:
    std::shared_ptr<KeychainBackend> m_backend;
    QString m_service;
};

} // namespace mk
