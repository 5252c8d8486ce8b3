// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnvCommand.h"

#include "cli/CliContext.h"

namespace mk::cli {

int EnvCommand::run(CliContext &ctx)
{
    ctx.err << "env: not built yet\n";
    return Failure;
}

} // namespace mk::cli
