// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli toolchains [--json] [--root DIR]...: the Go toolchains in the module cache;
/// modkeeper-cli toolchains remove [--json] [--dry-run] [--force] [--root DIR]... VERSION...
class ToolchainsCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
