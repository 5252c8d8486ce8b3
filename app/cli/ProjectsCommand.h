// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include "project/ProjectsJob.h"

namespace mk::cli {

struct CliContext;

/// modkeeper-cli projects [--json] [--root DIR]... [--modcache DIR]: the Go projects under the
/// roots and what each needs from the module cache, as its own go resolves it.
class ProjectsCommand final
{
public:
    static int run(CliContext &ctx);

    /// The job options for the user's go environment and this cache (shared with purge
    /// --unused and scan --root): the go a shell runs, GOPATH/pkg skipped.
    [[nodiscard]] static ProjectsJob::Options options(const CliContext &ctx,
                                                      const QString &gomodcache);
    /// {"dir","module","go","toolchain","needs":[{"path","version","how"}],"missing":[...]}
    /// (+ "error" when it could not be read).
    [[nodiscard]] static QJsonObject toJson(const ProjectInfo &project);
};

} // namespace mk::cli
