// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace mk {

/// The project folders the Toolchains dialog searches for go.mod / go.work toolchain lines:
/// the same list as Settings ▸ Projects… (ProjectRootsSettings).
class ToolchainProjectRoots final
{
public:
    [[nodiscard]] static QStringList load();
    static void save(const QStringList &roots);
};

} // namespace mk
