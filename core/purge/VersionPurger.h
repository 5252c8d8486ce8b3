// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <string>

#include <sys/stat.h>

#include <QList>
#include <QString>

#include "common/Expected.h"
#include "common/UniqueFd.h"
#include "purge/PurgeRecords.h"
#include "purge/TrashMove.h"

namespace mk {

/// Removes one module version with go's own protocol (go-cache-internals.md §2.5), so a go
/// command running at the same time never sees a half version:
///   journal → lock <v>.lock → create <v>.partial → move the tree into the trash (one rename)
///   → remove .zip, .ziphash (and .info, .mod, then rewrite @v/list, for a full purge)
///   → remove <v>.partial → drop the journal → unlock. <v>.lock is never deleted.
/// A crash at any step leaves a state go repairs by itself; recover() completes the purge.
/// The journal is written whole or not at all (temp file, fsync, rename) and ends with a
/// SHA-256 of its records. A purge that fails undoes what it did (the tree moves back, the
/// marker goes) and drops its journal, so nothing completes it later. A journal recovery cannot
/// trust (torn, bad checksum, unknown mode) is rolled back, never completed: the tree comes
/// back from the trash, .partial goes, every file stays; when it cannot even tell the version,
/// its trash entry is kept (TrashReaper leaves "<id>" alone while "<id>.purge" exists).
/// Synchronous: PurgeJob runs it on the core pool.
class VersionPurger final
{
public:
    /// The steps, for crash-point tests: the hook is called after each one.
    enum class Step {
        JournalWritten = 1,
        Locked,
        PartialCreated,
        TreeMoved,
        ZipRemoved,
        ZiphashRemoved,
        InfoRemoved,
        ModRemoved,
        ListRewritten,
        PartialRemoved,
        JournalRemoved,
    };
    static constexpr int StepCount = 11;

    explicit VersionPurger(const QString &gomodcache, int lockTimeoutMs = 30000);
    ~VersionPurger();
    VersionPurger(const VersionPurger &) = delete;
    VersionPurger &operator=(const VersionPurger &) = delete;

    /// Opens GOMODCACHE and the trash directory (creating it). Must succeed before purge().
    [[nodiscard]] Status open();

    /// Purges one version given by its escaped path and version, as found by the scanner.
    [[nodiscard]] PurgeItemResult purge(const QString &escapedPath, const QString &escapedVersion,
                                        PurgeMode mode,
                                        const std::function<bool()> &cancelled = {});

    /// Completes purges a crash interrupted (their journals are in the trash). Returns how many;
    /// one that cannot be completed now (its version is locked) keeps its journal for later
    /// and does not stop the others. A journal it cannot trust, or a purge that cannot be
    /// completed for another reason, is rolled back instead and listed in rolledBack().
    [[nodiscard]] Expected<int> recover();

    /// What the last recover() rolled back instead of completing (outcome Failed, the error
    /// says why and what was kept), or could not resolve yet. For the user, not to be ignored.
    [[nodiscard]] const QList<PurgeItemResult> &rolledBack() const { return m_rolledBack; }

    /// Tests only: called after every step with its number; a crash test aborts there.
    static void setStepHook(std::function<void(Step)> hook);

    /// Rewrites cache/download/<escapedPath>/@v/list exactly as go's rewriteVersionList does,
    /// under an exclusive lock on the list file.
    [[nodiscard]] static Status rewriteVersionList(int rootFd, const std::string &vdirRel,
                                                   const QString &displayDir);

    /// Moves the tree treeRel ("<esc path>@<esc v>") into the trash as trashName
    /// (TrashMove::moveIn); an error when the purger is not open.
    [[nodiscard]] Status moveIntoTrash(const std::string &treeRel, const std::string &trashName,
                                       const QString &what);
    /// Moves into and out of this cache's trash; valid while the purger is open.
    [[nodiscard]] TrashMove trash() const;

    [[nodiscard]] int rootFd() const { return m_root.get(); }
    [[nodiscard]] int trashFd() const { return m_trash.get(); }

private:
    PurgeItemResult run(const std::string &id, const std::string &escPath,
                        const std::string &escVersion, PurgeMode mode,
                        const std::function<bool()> &cancelled);
    [[nodiscard]] QString absolute(const std::string &rel) const;
    /// Undoes what the purge of journal <stem>.purge may have done; true when it is resolved
    /// (the journal can go). escPath/escVersion empty: the journal could not tell the version.
    bool rollBack(const std::string &stem, const std::string &escPath,
                  const std::string &escVersion, const struct timespec &journalTime,
                  const QString &why);

    QString m_gomodcache;
    int m_lockTimeoutMs;
    UniqueFd m_root;
    UniqueFd m_trash;
    QList<PurgeItemResult> m_rolledBack;
};

} // namespace mk
