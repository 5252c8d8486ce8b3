// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QHash>
#include <QString>

#include "common/Expected.h"
#include "download/DownloadRecords.h"
#include "env/GoEnvironment.h"
#include "scan/ScanRecords.h"

namespace mk {

/// Builds DownloadOptions from the resolved go environment, the way the go command would
/// fetch: GOMODCACHE, GOPROXY (or a preset / list chosen instead), GONOPROXY defaulting to
/// GOPRIVATE, -modcacherw from GOFLAGS, the go command for direct paths, the CA certificates
/// go trusts, the keychain's credentials, and the checksum database per GOSUMDB/GONOSUMDB.
/// prepare() is the one place that assembles them, for the CLI's download, refresh and repair
/// and the GUI's alike.
class DownloadSetup final
{
public:
    struct Request
    {
        QString proxyOverride;    ///< as for fromEnvironment()
        QString modcacheOverride; ///< as for fromEnvironment()
        QString caFile; ///< a PEM file also trusted (--cacert, the GUI setting); empty: none
        /// Where SSL_CERT_FILE, SSL_CERT_DIR and PATH come from (the process's by default).
        QHash<QString, QString> environment = processEnvironment();
    };
    struct Prepared
    {
        enum class Step {
            None,
            Environment,
            CaFile,
            ChecksumDb
        };
        DownloadOptions options;
        QStringList notes; ///< keychain trouble: those hosts are fetched from without a credential
        Error error;       ///< why a step failed; options are then incomplete
        Step failed = Step::None;
        [[nodiscard]] bool ok() const { return failed == Step::None; }
    };
    /// fromEnvironment, then the CA certificates (SSL_CERT_FILE/SSL_CERT_DIR as go reads them,
    /// plus request.caFile), the keychain's credentials and attachChecksumDb. Blocks for the
    /// keychain (bounded by its timeout): call it off the GUI thread.
    [[nodiscard]] static Prepared prepare(const GoEnvironment &env, const Request &request);
    /// prepare() on the core pool.
    [[nodiscard]] static QFuture<Prepared> prepareAsync(const GoEnvironment &env,
                                                        const Request &request);
    /// A redownloader (see below) that runs prepare() on the repair's worker thread the first
    /// time it is needed, so that a GUI never waits for the keychain; a failed preparation is
    /// the error of every redownload.
    [[nodiscard]] static std::function<Status(const QString &gomodcache,
                                              const ModuleVersionRecord &version,
                                              const std::function<bool()> &cancelled)>
    deferredRedownloader(const GoEnvironment &env, const Request &request);

    /// This process's environment as a hash.
    [[nodiscard]] static QHash<QString, QString> processEnvironment();
    /// The go command a user's shell runs: `go` on PATH (environment's), else GOROOT/bin/go of
    /// the resolved environment; empty if neither exists.
    [[nodiscard]] static QString goCommand(const GoEnvironment &env,
                                           const QHash<QString, QString> &environment);

    /// proxyOverride: empty, a preset name (its GOPROXY and GONOPROXY/GOPRIVATE apply), or a
    /// GOPROXY list. modcacheOverride: empty or a directory. Errors name the value at fault.
    [[nodiscard]] static Expected<DownloadOptions> fromEnvironment(
        const GoEnvironment &env, const QString &proxyOverride = {},
        const QString &modcacheOverride = {},
        const QHash<QString, QString> &environment = processEnvironment());

    /// The stored credentials of the proxy hosts in options.goproxy, read from the keychain on
    /// the core pool (only hosts the keychain is known to hold are asked for). Never blocks the
    /// caller; keychain errors leave that host out and are returned as notes.
    struct Credentials
    {
        QHash<QString, Credential> byHost;
        QStringList notes;
    };
    [[nodiscard]] static QFuture<Credentials> loadCredentials(const DownloadOptions &options);
    /// The same on the caller's thread (blocks for the keychain).
    [[nodiscard]] static Credentials readCredentials(const DownloadOptions &options);

    /// Sets options.checksumDb to go's checksum-database check (GOSUMDB, GONOSUMDB/GOPRIVATE,
    /// reached through options.goproxy as go reaches it, with options.credentials). GOSUMDB=off
    /// leaves it unset. Call after the credentials are in. No network yet: lookups happen per
    /// version, on the job's worker threads.
    [[nodiscard]] static Status attachChecksumDb(DownloadOptions &options,
                                                 const GoEnvironment &env);

    /// What a repair calls for a version whose zip, .ziphash, .mod or .info is damaged: a
    /// download in Replace mode with these options (it must match the cache's recorded hash,
    /// go.sum and the checksum database, else nothing is replaced). Runs on the caller's thread.
    [[nodiscard]] static std::function<Status(const QString &gomodcache,
                                              const ModuleVersionRecord &version,
                                              const std::function<bool()> &cancelled)>
    redownloader(const DownloadOptions &options);
};

} // namespace mk
