// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "project/ProjectRecords.h"

namespace mk {

/// What ProjectsJob read of each project, kept between runs in one file. An entry is reused
/// while every file it was read from (go.mod, go.sum, go.work, go.work.sum of the project and
/// its workspace modules) keeps its mtime and size, and the cache, go and GOFLAGS-free
/// environment key it was read with are the same. Projects that failed are not kept.
class ProjectCache final
{
public:
    struct Stamp
    {
        QString file;
        qint64 mtimeNs = -1; ///< -1: the file does not exist
        qint64 size = -1;
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };

    /// <cache dir>/projects.json (QStandardPaths::CacheLocation).
    [[nodiscard]] static QString defaultFile();
    /// The stamps of files, now.
    [[nodiscard]] static QList<Stamp> stampsOf(const QStringList &files);

    explicit ProjectCache(QString file, QString key);
    void load();
    /// The entry for dir when its stamps are still these.
    [[nodiscard]] std::optional<ProjectInfo> lookup(const QString &dir,
                                                    const QList<Stamp> &stamps) const;
    void store(const ProjectInfo &info, const QList<Stamp> &stamps);
    /// Writes the entries stored or looked up since load(); others (projects gone) are dropped.
    bool save() const;

private:
    struct Entry
    {
        ProjectInfo info;
        QList<Stamp> stamps;
    };
    QString m_file;
    QString m_key;
    QHash<QString, Entry> m_loaded;
    QHash<QString, Entry> m_kept;
    mutable QHash<QString, Entry> m_used;
};

} // namespace mk
