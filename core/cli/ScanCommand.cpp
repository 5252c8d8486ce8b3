// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScanCommand.h"

#include "cli/CliContext.h"

namespace mk::cli {

int ScanCommand::run(CliContext &ctx)
{
    ctx.err << "scan: not built yet\n";
    return Failure;
}

} // namespace mk::cli
