// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>

#include "bundle/ExportRecords.h"
#include "common/Expected.h"

namespace mk {

/// Writes chosen versions of the module cache as a static GOPROXY tree (ProxyTree's layout)
/// that go reads through GOPROXY=file://DIR or any static HTTP server: .info, .mod and .zip
/// copied byte for byte from cache/download, @v/list merged with what the tree already lists
/// and sorted as go sorts it, @latest, the versions' go.sum lines in DIR/go.sum, and with
/// options.sumdb the checksum database's cached lookups and tiles under sumdb/<name>/ (the
/// paths go asks a proxy for). Nothing is written outside the target; a tree that already
/// holds another .mod, zip or go.sum line for a version keeps it and that version fails.
/// The cache is only read, with O_NOATIME.
class ExportJob final
{
public:
    /// On the core pool; progress counts versions; cancel stops between versions.
    [[nodiscard]] static QFuture<ExportReport> start(const ExportOptions &options);
    /// On the calling thread.
    [[nodiscard]] static ExportReport run(const ExportOptions &options,
                                          const std::function<bool()> &cancelled = {},
                                          const std::function<void(int done, int total)> &progress
                                          = {});
    /// Refuses a target that is the cache, inside it, or holds it (the error names the target).
    [[nodiscard]] static Status checkTarget(const QString &gomodcache, const QString &target);
};

} // namespace mk
