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
/// GOPRIVATE, -modcacherw from GOFLAGS, the go command for direct paths, and the checksum
/// database per GOSUMDB/GONOSUMDB. Shared by the CLI and the GUI.
class DownloadSetup final
{
public:
    /// proxyOverride: empty, a preset name (its GOPROXY and GONOPROXY/GOPRIVATE apply), or a
    /// GOPROXY list. modcacheOverride: empty or a directory. Errors name the value at fault.
    [[nodiscard]] static Expected<DownloadOptions> fromEnvironment(const GoEnvironment &env, const QString &proxyOverride = {},
                                                                   const QString &modcacheOverride = {});

    /// The stored credentials of the proxy hosts in options.goproxy, read from the keychain on
    /// the core pool (only hosts the keychain is known to hold are asked for). Never blocks the
    /// caller; keychain errors leave that host out and are returned as notes.
    struct Credentials
    {
        QHash<QString, Credential> byHost;
        QStringList notes;
    };
    [[nodiscard]] static QFuture<Credentials> loadCredentials(const DownloadOptions &options);

    /// Sets options.checksumDb to go's checksum-database check (GOSUMDB, GONOSUMDB/GOPRIVATE,
    /// reached through options.goproxy as go reaches it, with options.credentials). GOSUMDB=off
    /// leaves it unset. Call after the credentials are in. No network yet: lookups happen per
    /// version, on the job's worker threads.
    [[nodiscard]] static Status attachChecksumDb(DownloadOptions &options, const GoEnvironment &env);

    /// What a repair calls for a version whose zip, .ziphash, .mod or .info is damaged: a
    /// download in Replace mode with these options (it must match the cache's recorded hash,
    /// go.sum and the checksum database, else nothing is replaced). Runs on the caller's thread.
    [[nodiscard]] static std::function<Status(const QString &gomodcache, const ModuleVersionRecord &version,
                                              const std::function<bool()> &cancelled)>
    redownloader(const DownloadOptions &options);
};

} // namespace mk
