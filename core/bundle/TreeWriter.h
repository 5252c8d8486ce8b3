// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>

#include <QByteArray>
#include <QString>

#include "common/Expected.h"
#include "common/UniqueFd.h"

namespace mk {

/// Writes files below one directory and nowhere else: every path is reached from the root's
/// handle without following a symlink (SafeFs), so an existing tree that links elsewhere cannot
/// redirect a write. Each file appears whole or not at all (a temp file in the same directory,
/// fsync, rename). What export writes into a static GOPROXY tree.
class TreeWriter final
{
public:
    /// Creates root (and its parents) when missing.
    [[nodiscard]] static Expected<TreeWriter> open(const QString &root);

    /// The file relPath (slash-separated, no "..") as it is now; nullopt when it does not exist.
    [[nodiscard]] Expected<std::optional<QByteArray>> read(const QString &relPath) const;
    /// Writes relPath with content, creating its directories (0777 less umask); files 0644.
    [[nodiscard]] Status write(const QString &relPath, const QByteArray &content) const;
    /// Copies the open regular file srcFd (from its start) to relPath, streaming.
    [[nodiscard]] Status copy(int srcFd, const QString &relPath, qint64 *bytes = nullptr) const;
    /// Writes relPath with what fill writes to the open file descriptor (setting *n to the
    /// bytes written); the same all-or-nothing rules as write().
    [[nodiscard]] Status writeWith(const QString &relPath,
                                   const std::function<Status(int fd, qint64 *n)> &fill) const
    {
        return writeVia(relPath, fill, nullptr);
    }
    /// Whether relPath exists (not following a final symlink).
    [[nodiscard]] bool exists(const QString &relPath) const;

    [[nodiscard]] const QString &root() const { return m_root; }

private:
    TreeWriter(QString root, UniqueFd fd) : m_root(std::move(root)), m_fd(std::move(fd)) { }
    /// Opens the parent directory of relPath (created if needed); sets *name to the last part.
    [[nodiscard]] Expected<UniqueFd> parentOf(const QString &relPath, QByteArray *name,
                                              bool create) const;
    [[nodiscard]] Status writeVia(const QString &relPath,
                                  const std::function<Status(int fd, qint64 *n)> &fill,
                                  qint64 *bytes) const;

    QString m_root;
    UniqueFd m_fd;
};

} // namespace mk
