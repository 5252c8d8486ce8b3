// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QString>

#include "common/Error.h"
#include "keychain/Credential.h"
#include "proxy/HttpProxyEnvironment.h"

namespace mk {

/// One module version to fetch: unescaped path, canonical version.
struct DownloadRequest
{
    QString path;
    QString version;
    [[nodiscard]] QString id() const { return path + u'@' + version; }
};

enum class DownloadOutcome {
    InProgress,     ///< an update while the version is being fetched (bytes so far)
    Downloaded,     ///< it was missing (or incomplete) and is now complete
    AlreadyPresent, ///< complete already; nothing fetched (download mode)
    Identical,      ///< refreshed: the proxy serves exactly the bytes the cache holds
    Changed, ///< refreshed: the proxy serves other bytes. A security alert; the old copy is kept
    Failed,
};

/// What happened to one version. Several InProgress updates may come before the final one.
struct DownloadResult
{
    QString path;
    QString version;
    DownloadOutcome outcome = DownloadOutcome::Failed;
    QString sum;      ///< h1: of the zip (what go.sum and .ziphash hold)
    QString goModSum; ///< h1: of the .mod ("/go.mod h1:" in go.sum)
    QString proxy;    ///< the proxy that served the zip ("direct" when go fetched it)
    qint64 bytes = 0; ///< bytes received from the network for this version
    Error error;
    QStringList
        notes; ///< what was checked ("checksum database", "go.sum", "cache") and alerts in words
    QString query; ///< "latest" when the request named a query that resolved to version

    [[nodiscard]] bool ok() const
    {
        return outcome != DownloadOutcome::Failed && outcome != DownloadOutcome::Changed;
    }
    [[nodiscard]] bool isFinal() const { return outcome != DownloadOutcome::InProgress; }
    [[nodiscard]] QString id() const { return path + u'@' + version; }
    /// The id as requested: "path@latest" for a resolved query, else id().
    [[nodiscard]] QString requestId() const
    {
        return path + u'@' + (query.isEmpty() ? version : query);
    }
};

[[nodiscard]] QString toString(DownloadOutcome outcome);

/// Checks a hash against an authority (the checksum database). Returns an error (Security
/// for a mismatch) or success; `verified` tells whether the authority knew the version.
using HashChecker = std::function<Status(const QString &path, const QString &version,
                                         const QString &h1, bool goMod, bool *verified)>;

struct DownloadOptions
{
    QString gomodcache;
    QString goproxy;    ///< the GOPROXY value (go's list syntax)
    QString gonoproxy;  ///< effective GONOPROXY (already defaulted to GOPRIVATE)
    int jobs = 8;       ///< versions fetched at once
    int maxPerHost = 4; ///< requests in flight to one proxy host at once, however many jobs run
    int lockTimeoutMs = 60000;
    int idleTimeoutMs = 30000; ///< a response that sends nothing for this long is a timeout
    int retries = 2;           ///< extra attempts on transient network errors (never on 4xx/500)
    bool refresh = false;      ///< fetch again even what is complete, and compare
    bool cacheRw = false;      ///< GOFLAGS=-modcacherw
    /// go.sum knowledge: "path version" and "path version/go.mod" -> "h1:...".
    QHash<QString, QString> knownSums;
    /// The checksum database, when GOSUMDB applies to the path (null: not consulted).
    HashChecker checksumDb;
    /// Keychain key (CredentialStore::normalizeHost) -> credential, sent only over https to that
    /// host.
    QHash<QString, Credential> credentials;
    QList<QSslCertificate> caCertificates;
    /// HTTPS_PROXY / HTTP_PROXY / NO_PROXY, honoured as go honours them.
    HttpProxyEnvironment proxyEnvironment = HttpProxyEnvironment::fromProcess();
    /// The go command used for `direct` and private paths; empty: found on PATH.
    QString goBinary;
    /// Extra environment for that go command (GOSUMDB, GONOSUMDB, GOFLAGS, ...).
    QHash<QString, QString> goEnvironment;
};

} // namespace mk

Q_DECLARE_METATYPE(mk::DownloadResult)
