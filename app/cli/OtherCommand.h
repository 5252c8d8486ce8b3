// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mk::cli {

struct CliContext;

/// modkeeper-cli other [--json] [--kind KIND]: what the module cache holds besides module
/// versions (VCS clones, checksum database caches, toolchains, metadata, unknown entries, trash);
/// modkeeper-cli other remove [--json] [--dry-run] PATH...: removes such entries (OtherRemover).
class OtherCommand final
{
public:
    static int run(CliContext &ctx);
};

} // namespace mk::cli
