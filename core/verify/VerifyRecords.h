// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <QByteArrayView>

#include "common/Expected.h"

namespace mk {

/// What verifying one module version found, worst first when several apply.
enum class VerifyStatus {
    NotChecked,   ///< not verified (yet): the GUI's initial state
    Verified,     ///< everything present matches .ziphash (and go.sum / sumdb where known)
    Modified,     ///< the extracted tree differs from the zip: files edited, added, removed or
                  ///< unreadable
    Corrupt,      ///< the zip, .ziphash or .mod is damaged or disagrees with go.sum / sumdb
    Unverifiable, ///< no .ziphash to check against (go treats the version as not downloaded)
    Partial,      ///< a .partial marker: an extraction was interrupted
};

/// What was actually hashed for a version (VersionVerifyResult::checked).
enum VerifyChecked : quint8 {
    CheckedZip = 1 << 0,
    CheckedTree = 1 << 1,
    CheckedMod = 1 << 2,   ///< .mod compared with a known "/go.mod h1:" hash
    CheckedKnown = 1 << 3, ///< .ziphash compared with a known go.sum / sumdb hash
};

/// The per-version answer of VerifyJob.
struct VersionVerifyResult
{
    QString path;    ///< unescaped module path
    QString version; ///< unescaped version
    QString escapedPath;
    QString escapedVersion;
    VerifyStatus status = VerifyStatus::NotChecked;
    bool ok = false;
    /// One sentence each, naming the file at fault: "modified file a/b.go", "zip has been
    /// modified", ...
    QStringList problems;
    quint8 checked = 0; ///< VerifyChecked flags
    QString ziphash;    ///< the content of <v>.ziphash when it is a well-formed h1 hash
    QString zipHash;    ///< HashZip of <v>.zip as computed now (empty without a readable zip)
    QString dirHash;    ///< HashDir of the extracted tree as computed now (empty without a tree)
    QString knownHash;  ///< the module's h1 from go.sum or the checksum database, when known
    quint64 bytesRead = 0;
    /// Repair can fix this by extracting the tree again: the zip is present and matches a
    /// sound .ziphash (and go.sum where known), and only the tree or the marker is wrong.
    bool treeRepairable = false;
    /// The zip, .ziphash or .mod itself is missing or damaged: only a new download helps.
    bool needsRedownload = false;

    [[nodiscard]] QString id() const { return path + QLatin1Char('@') + version; }
};

/// Known hashes, e.g. from go.sum lines, keyed by "path@version" (unescaped).
struct KnownSums
{
    QHash<QString, QString> zip;   ///< "path version h1:..." lines
    QHash<QString, QString> goMod; ///< "path version/go.mod h1:..." lines

    [[nodiscard]] bool isEmpty() const { return zip.isEmpty() && goMod.isEmpty(); }
    /// Adds the lines of a go.sum file: fields split on whitespace as go's readers do; lines
    /// with other hash kinds are skipped, the old empty-go.mod bug line is dropped as go drops
    /// it. A malformed line is an error naming source and line number.
    Status addGoSum(QByteArrayView text, const QString &source);
};

/// What RepairJob did for one version.
enum class RepairOutcome {
    NothingToDo,  ///< verification found nothing wrong
    Reextracted,  ///< the tree was extracted again from the kept zip; the old tree is in the trash
    Redownloaded, ///< the redownload hook replaced the version
    NeedsRedownload, ///< the zip or its hash is damaged or missing and no downloader is plugged in
    Failed,
};

struct RepairResult
{
    QString path;
    QString version;
    RepairOutcome outcome = RepairOutcome::Failed;
    QStringList problems; ///< what verification found before the repair
    Error error;          ///< for NeedsRedownload and Failed: why, naming the path
    /// Verification after the repair (status Verified when it worked).
    VerifyStatus after = VerifyStatus::NotChecked;

    [[nodiscard]] bool ok() const
    {
        return outcome == RepairOutcome::NothingToDo || outcome == RepairOutcome::Reextracted
               || outcome == RepairOutcome::Redownloaded;
    }
};

[[nodiscard]] QString toString(VerifyStatus status);   ///< "verified", "modified", ...
[[nodiscard]] QString toString(RepairOutcome outcome); ///< "reextracted", "needs-redownload", ...

} // namespace mk

Q_DECLARE_METATYPE(mk::VersionVerifyResult)
Q_DECLARE_METATYPE(mk::RepairResult)
