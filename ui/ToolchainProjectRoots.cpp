// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainProjectRoots.h"

#include "ProjectRootsSettings.h"

namespace mk {

QStringList ToolchainProjectRoots::load()
{
    return ProjectRootsSettings::roots();
}

void ToolchainProjectRoots::save(const QStringList &roots)
{
    ProjectRootsSettings::setRoots(roots);
}

} // namespace mk
