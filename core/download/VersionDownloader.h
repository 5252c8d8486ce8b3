// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include "common/UniqueFd.h"
#include "download/DownloadRecords.h"
#include "download/ProxyFetcher.h"

namespace mk {

/// Fetches one module version into GOMODCACHE exactly as go writes it
/// (go-cache-internals.md §2.1): .info and .mod through "<file><rand>.tmp" + rename, @v/list
/// rewritten, then under go's <v>.lock the zip streamed into "<v>.zip<rand>.tmp", its tree
/// extracted under <v>.partial with the hash computed in the same pass, the hash checked
/// (the cache's own record, go.sum, the checksum database), .ziphash written, the zip renamed
/// into place, .partial removed. A failure leaves what go expects: no tree without .partial,
/// no zip without .ziphash, no temp file.
///
/// Refresh mode fetches even a complete version and compares: the same bytes are Identical,
/// other bytes are Changed (a security alert) and the cache keeps its copy.
/// Synchronous; DownloadJob runs it on its worker threads.
class VersionDownloader final
{
public:
    enum class Mode {
        Download, ///< fetch what is missing (go mod download)
        Refresh,  ///< fetch again and compare with the cache; never replaces a good copy
        Replace,  ///< fetch again; if it matches the recorded hash, install it over a damaged copy (repair)
    };

    VersionDownloader(int rootFd, const DownloadOptions &options, const ProxyFetcher &fetcher);

    [[nodiscard]] DownloadResult run(const DownloadRequest &request, Mode mode, const std::function<bool()> &cancelled,
                                     const std::function<void(const DownloadResult &)> &progress = {});

private:
    struct Ctx;
    [[nodiscard]] Status writeMetadata(Ctx &c, const QString &suffix, const QByteArray &data);
    [[nodiscard]] Status checkHash(Ctx &c, const QString &h1, bool goMod);
    [[nodiscard]] DownloadResult goDirect(Ctx &c);
    /// go's "latest" query over the proxy: the highest release in @v/list, else the highest
    /// pre-release, else what @latest answers. direct is set when go must answer it instead.
    [[nodiscard]] Expected<QString> resolveLatest(const QString &path, const std::function<bool()> &cancelled, bool *direct);

    int m_root;
    const DownloadOptions &m_options;
    const ProxyFetcher &m_fetcher;
};

} // namespace mk
