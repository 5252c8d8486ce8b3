// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include <sys/types.h>

#include <QString>

#include "common/Expected.h"

namespace mk {

/// Moves directories of the module cache into ModKeeper's trash and back, each with one
/// rename, so that go never sees half a tree; TrashReaper empties the trash later. The one
/// place purge, restore, repair and download move trees aside. Both fds are borrowed (from a
/// VersionPurger, whose open() creates the trash) and must outlive the TrashMove.
class TrashMove final
{
public:
    /// rootFd: GOMODCACHE; trashFd: its trash directory; gomodcache names paths in errors.
    TrashMove(int rootFd, int trashFd, const QString &gomodcache);

    /// Moves rel (relative to GOMODCACHE, e.g. "<esc path>@<esc v>") into the trash as
    /// trashName with one rename. It is made writable first: go leaves trees 0555 and moving
    /// a directory to another parent rewrites its "..". Symlinks and files are refused. The
    /// error names rel and says what failed (what).
    [[nodiscard]] Status moveIn(const std::string &rel, const std::string &trashName,
                                const QString &what) const;
    /// moveIn() for name in a directory the caller has open; false with errno set.
    [[nodiscard]] bool moveInAt(int parentFd, const std::string &name,
                                const std::string &trashName) const;

    /// Moves trash entry trashName back to rel (creating rel's parents), never over anything
    /// there: a tree go extracted again meanwhile wins. mode != 0: the mode to give back
    /// (moveIn made the tree writable).
    [[nodiscard]] Status moveBack(const std::string &trashName, const std::string &rel,
                                  mode_t mode) const;
    /// moveBack() into a directory the caller has open; false with errno set.
    [[nodiscard]] bool moveBackAt(const std::string &trashName, int parentFd,
                                  const std::string &name, mode_t mode) const;

    /// A trash name no other process or thread uses: "<purpose>-<pid>-<ms>-<n>".
    [[nodiscard]] static std::string uniqueName(const std::string &purpose);

private:
    [[nodiscard]] QString absolute(const std::string &rel) const;

    int m_root;
    int m_trash;
    QString m_gomodcache;
};

} // namespace mk
