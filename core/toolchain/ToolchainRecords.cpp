// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolchainRecords.h"

#include "toolchain/ToolchainLister.h"

using namespace Qt::StringLiterals;

namespace mk {

const ToolchainRecord *ToolchainListing::find(const QString &arg) const
{
    const ToolchainRecord *best = nullptr;
    const QString platform = ToolchainLister::hostPlatform();
    for (const ToolchainRecord &t : toolchains) {
        if (t.module.version == arg || t.module.id() == arg)
            return &t;
        if (t.name.toolchain == arg && (!best || t.name.goos + u'-' + t.name.goarch == platform))
            best = &t;
    }
    return best;
}

} // namespace mk
