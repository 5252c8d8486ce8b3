// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMap>
#include <QString>

#include "common/Expected.h"

namespace mk::test {

/// A GOPROXY tree in a directory, served to go as GOPROXY=file://... (go-cache-internals.md
/// §4.1): <escaped path>/@v/list, <escaped version>.info, .mod and .zip per version.
class FixtureProxy final
{
public:
    using Files = QMap<QString, QByteArray>; ///< slash-separated name inside the module -> content

    /// root: an existing, preferably empty directory.
    explicit FixtureProxy(const QString &root);

    /// Publishes path@version. files["go.mod"] becomes the .mod; without one the .mod is the
    /// synthesized "module <path>\n" go uses for +incompatible versions. time defaults to a
    /// fixed date so that fixtures are reproducible.
    Status addModule(const QString &path, const QString &version, const Files &files,
                     const QDateTime &time = {});

    [[nodiscard]] QString root() const { return m_root; }
    /// file:///<root>, for GOPROXY.
    [[nodiscard]] QString url() const;
    /// "path@version" of every module published so far, in publication order.
    [[nodiscard]] QStringList published() const { return m_published; }

    /// A go.mod for path: "module <path>\n\ngo 1.16\n".
    [[nodiscard]] static QByteArray goMod(const QString &path);
    /// count files of log-uniform sizes in [minBytes, maxBytes] spread over nested directories
    /// (a/, a/b/, internal/x/...), plus go.mod unless withGoMod is false. Deterministic for a seed.
    [[nodiscard]] static Files generatedFiles(const QString &modulePath, int count, quint32 seed,
                                              int minBytes = 200, int maxBytes = 20 * 1024,
                                              bool withGoMod = true);

private:
    QString m_root;
    QStringList m_published;
};

} // namespace mk::test
