// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "download/DownloadRecords.h"
#include "env/GoEnvironment.h"

namespace mk {

struct ImportOptions
{
    /// As prepared for a download (DownloadSetup): gomodcache is the cache written, with its
    /// jobs, lock timeout, -modcacherw and CA certificates. goproxy is where the checksum
    /// database is also looked for after the bundle; its checksumDb is replaced (see ImportJob).
    DownloadOptions download;
    /// For GOSUMDB/GONOSUMDB/GOPATH; checksumDb false: the database is not consulted.
    GoEnvironment env;
    bool checksumDb = true;
    QString source;        ///< a static GOPROXY tree (an export)
    QString scratchParent; ///< where the checking pass runs; empty: the temp directory
};

struct ImportReport
{
    QString source;
    QList<DownloadResult> versions; ///< one final result per version with a zip in the tree
    QStringList skipped;            ///< path@version with only .info/.mod in the tree
    QStringList notes;
    Error error; ///< the import could not start (unreadable tree, no scratch space)
    bool cancelled = false;
    [[nodiscard]] int failed() const
    {
        int n = 0;
        for (const DownloadResult &r : versions)
            n += r.ok() ? 0 : 1;
        return n;
    }
    [[nodiscard]] bool ok() const { return !error.isError() && !cancelled && failed() == 0; }
};

} // namespace mk

Q_DECLARE_METATYPE(mk::ImportReport)
