// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QPromise>

#include "scan/CacheScanner.h"

namespace mk {

class ScanEngine;

/// One run of CacheScanner: walks GOMODCACHE on the calling pool thread plus helper workers on
/// the core pool, and reports through the promise. Internal to the scan folder.
class ScanJob final
{
public:
    ScanJob(const CacheScanner::Options &options, QPromise<ScanChunk> &promise);
    ~ScanJob();
    ScanJob(const ScanJob &) = delete;
    ScanJob &operator=(const ScanJob &) = delete;

    /// Returns when the walk is complete or cancelled and every helper has stopped.
    void run();

private:
    std::shared_ptr<ScanEngine> m_engine;
};

} // namespace mk
