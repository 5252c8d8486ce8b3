// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "common/Error.h"

namespace mk {

/// One entry of a directory in a version's extracted tree.
struct TreeEntry
{
    enum class Kind {
        Directory,
        File,
        Symlink, ///< listed, never followed
        Other,
    };
    QString name;
    Kind kind = Kind::File;
    quint64 diskBytes
        = 0; ///< allocated bytes, as du -s -B1 counts them (a directory: all below it)
    quint64 apparentBytes = 0; ///< st_size summed the same way
    quint64 files = 0;         ///< non-directory entries below (1 for a file)
};

/// One level of a version's extracted tree (TreeLister).
struct TreeListing
{
    QString relPath;          ///< below <path>@<version>; empty for the tree's root
    QList<TreeEntry> entries; ///< directories first, then by name
    Error error;              ///< the directory could not be read (entries may be partial)
};

/// What the cache knows about one version besides its tree (VersionMetadata).
struct VersionDetails
{
    QString path;     ///< unescaped module path
    QString version;  ///< unescaped version
    QByteArray goMod; ///< the .mod file, at most VersionMetadata::MaxGoModShown bytes
    bool goModTruncated = false;
    Error goModError;
    QString infoVersion; ///< the .info's Version
    QString infoTime;    ///< the .info's Time, as go marshals it
    QString origin;      ///< the .info's Origin, one "Key: value" per line; empty without one
    Error infoError;
    QString ziphash; ///< "h1:..." from .ziphash; empty when there is none
    /// The lines go writes into go.sum for this version: "<path> <version> h1:..." (when the
    /// .ziphash exists) and "<path> <version>/go.mod h1:..." (when the .mod exists).
    QStringList goSumLines;
    QString where; ///< where go would fetch the module (ProxyRoute::describe())
    Error whereError;
};

} // namespace mk

Q_DECLARE_METATYPE(mk::TreeListing)
Q_DECLARE_METATYPE(mk::VersionDetails)
