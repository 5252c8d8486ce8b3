// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QSizeF>
#include <QStringList>

#include "scan/ScanRecords.h"
#include "space/SquarifiedLayout.h"
#include "space/TreemapRecords.h"

namespace mk {

/// Builds the tree from a flat snapshot of versions and lays it out, on the core pool, so
/// that the window never waits for it. Cancel the future to drop a layout nobody wants any
/// more (the window was resized again, the filter changed): it then has no result.
class TreemapJob final
{
public:
    struct Request
    {
        QList<TreemapItem> items{};
        QSizeF size{};
        /// Labels from the root down to the node to lay out (the zoom); as much of it as still
        /// exists is followed.
        QStringList zoomPath{};
        SquarifiedLayout::Options options{};
        /// Versions as the table holds them: turned into items (after items) by the job, so
        /// that the GUI thread only copies them.
        QList<ModuleVersionRecord> records{};
    };

    [[nodiscard]] static QFuture<TreemapLayoutResult> start(Request request);
    /// The same work on the calling thread; cancelled as in TreemapTree::build().
    [[nodiscard]] static TreemapLayoutResult run(Request request,
                                                 const std::function<bool()> &cancelled = {});
};

} // namespace mk
