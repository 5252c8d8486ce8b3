// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>

#include "bundle/ImportRecords.h"

namespace mk {

/// Loads a static GOPROXY tree (an export, a copy of someone's cache/download) into the module
/// cache through exactly the path of a download: it IS a download (DownloadJob) with
/// GOPROXY=file://<tree>, so the zip rules, the hash checks against the tree's go.sum lines
/// and the checksum database (looked for in the tree's sumdb/ first, then as GOPROXY reaches
/// it), go's lock and .partial all apply, and a hostile tree can do nothing a hostile proxy
/// cannot. Unlike go, nothing of a version that fails reaches the cache, not even its .info:
/// the download runs first into a scratch cache, and only the versions that passed are then
/// downloaded from that scratch copy into the real cache, held to the hashes just checked.
///
/// The tree's go.sum is the tree's own word, not the user's: a version must match its line AND
/// the checksum database (go would skip the database for a line in the user's go.sum; a
/// hostile tree could ship lines that match its own zips). Only when the database cannot be
/// reached (a network error, never a mismatch) is a version the tree's go.sum lists accepted
/// on that line alone, with a note; GOSUMDB=off or GONOSUMDB leave the line as the only check.
class ImportJob final
{
public:
    [[nodiscard]] static QFuture<ImportReport> start(const ImportOptions &options);
    [[nodiscard]] static ImportReport run(const ImportOptions &options,
                                          const std::function<bool()> &cancelled = {},
                                          const std::function<void(int done, int total)> &progress
                                          = {});
};

} // namespace mk
