// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QString>

#include "env/GoEnvironment.h"
#include "inspect/InspectRecords.h"

namespace mk {

/// Reads what the download directory holds about one version (cache/download/<esc>/@v/): the
/// go.mod text, the .info (Time, Origin), the .ziphash, the go.sum lines go would write for it,
/// and where go would fetch the module (ProxyRoute, as `modkeeper-cli proxy where`). Files are
/// opened below GOMODCACHE without symlinks and with O_NOATIME.
class VersionMetadata final
{
public:
    static constexpr qint64 MaxGoModShown = 256 * 1024;
    static constexpr qint64 MaxGoModHashed = 16 * 1024 * 1024;

    struct Request
    {
        QString gomodcache;
        QString path; ///< unescaped
        QString version;
        QString escapedPath;
        QString escapedVersion;
    };

    /// inputs: the go environment the proxy route is resolved from.
    [[nodiscard]] static VersionDetails read(const Request &request, const GoEnvInputs &inputs);
    /// read() on the core pool.
    [[nodiscard]] static QFuture<VersionDetails> start(const Request &request,
                                                       const GoEnvInputs &inputs);
};

} // namespace mk
