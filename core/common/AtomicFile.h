// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <sys/types.h>

#include <QByteArray>
#include <QString>

#include "common/Expected.h"

namespace mk {

/// Small files replaced atomically (reliability.md D5): the new content goes to a temporary
/// file in the same directory, is fsync'ed, renamed over the target, and the directory is
/// fsync'ed. A crash leaves the old or the new content, never a torn file. A symlinked target
/// is followed (dotfile managers link ~/.config/go/env or ~/.netrc), so the link survives.
class AtomicFile final
{
public:
    struct Options
    {
        /// Mode of a file that does not exist yet; the umask applies, as for go's os.WriteFile.
        mode_t newFileMode = 0666;
        /// Mode forced on the result even when the file existed (0600 for .netrc). An existing
        /// file otherwise keeps its mode.
        std::optional<mode_t> forcedMode;
        /// Create missing parent directories (0777 less umask, as go's MkdirAll).
        bool createParents = true;
    };

    /// Replaces path's content. On failure the target is unchanged and no temporary file is
    /// left; the error names the path and the failing step.
    [[nodiscard]] static Status write(const QString &path, const QByteArray &content,
                                      const Options &options);
    [[nodiscard]] static Status write(const QString &path, const QByteArray &content)
    {
        return write(path, content, Options{});
    }

    /// The whole file, nullopt when it does not exist; other failures are errors.
    [[nodiscard]] static Expected<std::optional<QByteArray>> read(const QString &path);

    /// Where a write to path really goes: the final target of a symlink chain (which may not
    /// exist yet), or path itself.
    [[nodiscard]] static QString resolveTarget(const QString &path);
};

} // namespace mk
