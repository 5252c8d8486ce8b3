// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli export --to DIR [--json] [--sumdb] [--modcache DIR] PATTERN... | --root
/// PROJECTDIR...: writes chosen versions (or what projects need) as a static GOPROXY tree.
class ExportCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
