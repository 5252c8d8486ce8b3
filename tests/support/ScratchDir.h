// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mk::test {

/// A temporary directory (under QDir::tempPath() by default) that is removed with TreeRemover on
/// destruction, so it may hold go's read-only module trees and chmod 000 directories.
class ScratchDir final
{
public:
    enum class Location {
        Temp,   ///< QDir::tempPath()
        Memory, ///< /dev/shm when it is a writable tmpfs, else QDir::tempPath(): for large
                ///< throwaway trees on machines whose disks delete slowly (online discard)
    };

    /// name: a prefix for the directory name (e.g. the test's name).
    explicit ScratchDir(const QString &name = QStringLiteral("modkeeper-test"),
                        Location location = Location::Temp);
    ~ScratchDir();
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;

    [[nodiscard]] bool isValid() const { return !m_path.isEmpty(); }
    [[nodiscard]] QString path() const { return m_path; }
    /// path() + "/" + relative; the directory is not created.
    [[nodiscard]] QString filePath(const QString &relative) const;
    /// Creates path() + "/" + relative with its parents and returns it (empty on failure).
    QString mkpath(const QString &relative) const;
    /// Keeps the directory after the test, for debugging.
    void setAutoRemove(bool on) { m_autoRemove = on; }

private:
    QString m_path;
    bool m_autoRemove = true;
};

} // namespace mk::test
