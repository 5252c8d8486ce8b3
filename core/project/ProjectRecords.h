// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace mk {

/// How a project needs a module version from the cache.
enum class NeedHow {
    Code,  ///< provides a package to `go list -deps -test ./...`: .info/.mod, zip and tree
    GoMod, ///< only read for the module graph (build list or `go mod graph`): .info/.mod
};

struct ProjectNeed
{
    QString path;
    QString version;
    NeedHow how = NeedHow::Code;
    [[nodiscard]] QString id() const { return path + u'@' + version; }
    friend bool operator==(const ProjectNeed &, const ProjectNeed &) = default;
};

/// One project: a go.mod, or a go.work whose `use` modules are its main modules (modules
/// under a go.work are not projects of their own).
struct ProjectInfo
{
    QString dir;    ///< absolute folder of the go.mod / go.work
    QString module; ///< the main module path (a workspace: the use'd module paths, space separated)
    QString goVersion;          ///< the go line
    QString toolchain;          ///< the toolchain line ("" when none)
    QList<ProjectNeed> needs;   ///< everything go needs from the cache, missing ones included
    QList<ProjectNeed> missing; ///< the needs whose files are not in the cache
    QString error;              ///< non-empty: the project could not be read (go's message)
    QStringList notes;          ///< e.g. why every build list version counts as code
};

struct ProjectsResult
{
    QList<ProjectInfo> projects; ///< sorted by dir
    QStringList notes;
};

/// id "path@version" -> every (project dir, how) that needs it
using ProjectUsage = QHash<QString, QList<QPair<QString, NeedHow>>>;
ProjectUsage usageOf(const ProjectsResult &);

/// "code" / "gomod" (the JSON and role spelling).
[[nodiscard]] QString needHowName(NeedHow how);

} // namespace mk
