// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include "archive/ModuleZip.h"
#include "archive/Sha256.h"
#include "common/UniqueFd.h"

namespace mk {

class ZipArchive;
struct ZipEntry;

/// One extraction of a checked module zip into an empty directory; ModuleZip::extractAt does
/// the checks and drives it. Remembers everything it creates, so that a failure at any point
/// removes exactly that and nothing else (never anything it did not create).
class ZipExtractor final
{
public:
    /// targetFd: the open, empty target directory (borrowed); targetName: for messages.
    ZipExtractor(const ZipArchive &zip, int targetFd, const QString &targetName,
                 const ModuleZip::ExtractOptions &options);
    ZipExtractor(const ZipExtractor &) = delete;
    ZipExtractor &operator=(const ZipExtractor &) = delete;

    /// Writes every file of contents (zip order) and hashes every entry of the zip while
    /// doing so. zipPrefix is "<path>@<version>/" as the entry names spell it.
    [[nodiscard]] Expected<ModuleZip::ExtractResult> run(const ModuleZipContents &contents,
                                                         const QByteArray &zipPrefix);
    /// chmod a-w on every directory created, children before parents, as go's
    /// makeDirsReadOnly does (best effort, as in go). The target is the caller's.
    void makeDirsReadOnly();
    /// Removes every file and directory created below the target, deepest first, never
    /// following a symlink. Returns the first failure, having tried everything.
    [[nodiscard]] Status removeCreated();

private:
    [[nodiscard]] Expected<int> dirFd(const QByteArray &rel);
    [[nodiscard]] Expected<Sha256::Digest> writeFile(int dirFd, const QByteArray &leaf,
                                                     const QByteArray &rel, const ZipEntry &entry);
    [[nodiscard]] QString display(const QByteArray &rel) const;

    const ZipArchive &m_zip;
    int m_targetFd;
    QString m_targetName;
    const ModuleZip::ExtractOptions &m_options;
    QList<QByteArray> m_createdDirs; ///< creation order: parents before children
    QList<QByteArray> m_createdFiles;
    QSet<QByteArray> m_knownDirs;
    QByteArray m_currentDir; ///< the directory m_currentDirFd is open on
    UniqueFd m_currentDirFd;
    QByteArray m_buffer;
    qint64 m_bytesWritten = 0;
};

} // namespace mk
