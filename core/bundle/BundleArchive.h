// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "common/Expected.h"

namespace mk {

/// The one-file form of an export, for carrying on a USB stick: the static GOPROXY tree in a
/// .zip (module zips stored, the rest deflated). Reading one back is as careful as reading a
/// module zip (ZipArchive): names must be plain relative paths, symlinks and other special
/// entries are refused, every declared size is enforced and the total is capped, and files
/// are written only below the destination (TreeWriter). What it holds is then imported like
/// any tree, so a hostile bundle still meets every check of a download.
class BundleArchive final
{
public:
    /// A path export and import treat as a bundle rather than a folder.
    [[nodiscard]] static bool isBundlePath(const QString &path);
    /// Zips every regular file below treeDir into zipPath, which must not exist yet (it
    /// appears whole, or not at all).
    [[nodiscard]] static Status write(const QString &treeDir, const QString &zipPath);
    /// Unpacks zipPath into destDir (created if needed).
    [[nodiscard]] static Status extract(const QString &zipPath, const QString &destDir,
                                        quint64 maxTotalBytes = quint64(64) << 30);
};

} // namespace mk
