// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QList>

#include "download/DownloadRecords.h"
#include "download/VersionDownloader.h"

namespace mk {

/// Fetches many module versions at once over GOPROXY (VersionDownloader for each), options.jobs
/// at a time on worker threads the job owns (network-bound, so not the CPU pool), each with
/// its own connections. Results stream in: InProgress updates (bytes so far) and one final
/// result per version. Progress counts finished versions; cancel stops between reads.
class DownloadJob final
{
public:
    using Mode = VersionDownloader::Mode;

    [[nodiscard]] static QFuture<DownloadResult> start(const DownloadOptions &options,
                                                       const QList<DownloadRequest> &requests,
                                                       Mode mode = Mode::Download);
    /// start() and wait; the final results only, in request order.
    [[nodiscard]] static QList<DownloadResult> run(const DownloadOptions &options,
                                                   const QList<DownloadRequest> &requests,
                                                   Mode mode = Mode::Download);
    /// One version, synchronously on the calling (worker) thread: what a repair calls to
    /// replace a damaged zip (Mode::Replace).
    [[nodiscard]] static DownloadResult runOne(const DownloadOptions &options,
                                               const DownloadRequest &request, Mode mode,
                                               const std::function<bool()> &cancelled = {});
};

} // namespace mk
