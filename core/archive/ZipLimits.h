// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace mk {

/// The size limits of golang.org/x/mod/zip (go-cache-internals.md §3.5), overridable so
/// that tests can trip them with small archives. Sizes in bytes.
struct ZipLimits
{
    qint64 maxZipFile = qint64(500) << 20;      ///< MaxZipFile: the .zip file itself
    qint64 maxUncompressed = qint64(500) << 20; ///< MaxZipFile again: sum of declared file sizes
    qint64 maxGoMod = qint64(16) << 20;         ///< MaxGoMod: <module>@<version>/go.mod
    qint64 maxLicense = qint64(16) << 20;       ///< MaxLICENSE: <module>@<version>/LICENSE
    /// go's Unzip never looks at the unix mode and writes every entry as a regular 0444 file;
    /// x/mod/zip only keeps symlinks out when it creates zips. By default the manager refuses
    /// entries recorded as symlinks, devices, fifos or sockets; true restores go's leniency.
    bool allowIrregularModes = false;
};

} // namespace mk
