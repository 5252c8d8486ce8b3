// SPDX-License-Identifier: GPL-3.0-or-later
#include "project/ProjectRecords.h"

namespace mk {

ProjectUsage usageOf(const ProjectsResult &result)
{
    ProjectUsage usage;
    for (const ProjectInfo &project : result.projects)
        for (const ProjectNeed &need : project.needs)
            usage[need.id()].append({project.dir, need.how});
    return usage;
}

QString needHowName(NeedHow how)
{
    return how == NeedHow::Code ? QStringLiteral("code") : QStringLiteral("gomod");
}

} // namespace mk
