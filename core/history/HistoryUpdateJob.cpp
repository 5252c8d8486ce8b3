// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryUpdateJob.h"

#include <QtConcurrent>

#include "common/CorePool.h"

namespace mk {

HistoryUpdateJob::Result HistoryUpdateJob::run(const QString &file, const QString &gomodcache,
                                               const std::optional<HistoryRecord> &append)
{
    Result out;
    out.gomodcache = gomodcache;
    const ScanHistory history(file);
    if (append) {
        if (const Status st = history.append(*append); !st)
            out.appendError = st.error();
    }
    Expected<HistoryRead> read = history.read(gomodcache);
    if (read.ok())
        out.read = std::move(read).value();
    else
        out.readError = read.error();
    return out;
}

QFuture<HistoryUpdateJob::Result> HistoryUpdateJob::start(const QString &file,
                                                          const QString &gomodcache,
                                                          const std::optional<HistoryRecord> &append)
{
    return QtConcurrent::run(CorePool::instance(), [file, gomodcache, append] {
        return run(file, gomodcache, append);
    });
}

} // namespace mk
