// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace mk {

/// A file of a module zip that passed the rules.
struct ModuleZipFile
{
    QString name;      ///< path below the module root, '/'-separated: "go.mod", "a/b.go"
    qint64 size = 0;   ///< declared uncompressed size; reading enforces it
    quint64 index = 0; ///< the entry's index in the zip
};

/// What ModuleZip::check found: the files (central-directory order) and their total size.
struct ModuleZipContents
{
    QList<ModuleZipFile> files;
    qint64 totalSize = 0;
    /// dirhash.HashZip of the archive; only filled by ModuleZip::verify, which reads the data.
    QString zipHash;
};

} // namespace mk
