// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace mk {

/// The project folders the Toolchains dialog searches for go.mod / go.work toolchain lines,
/// kept in ModKeeper's settings (a simple list until a Projects setting exists).
class ToolchainProjectRoots final
{
public:
    [[nodiscard]] static QStringList load();
    static void save(const QStringList &roots);
};

} // namespace mk
