// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "common/UniqueFd.h"
#include "download/DownloadRecords.h"
#include "download/ProxyFetcher.h"

namespace mk {

class FileLock;

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
        Replace,  ///< fetch again; if it matches the recorded hash, install it over a damaged copy
                  ///< (repair)
    };

    VersionDownloader(int rootFd, const DownloadOptions &options, const ProxyFetcher &fetcher);

    [[nodiscard]] DownloadResult run(const DownloadRequest &request, Mode mode,
                                     const std::function<bool()> &cancelled,
                                     const std::function<void(const DownloadResult &)> &progress
                                     = {});

private:
    struct Ctx;
    // The steps of run(), in order; a step that returns a result ends the run with it.
    [[nodiscard]] std::optional<DownloadResult> resolveVersion(Ctx &c);
    [[nodiscard]] std::optional<DownloadResult> openVersionDir(Ctx &c);
    /// Reads the cached .info, .mod and .ziphash; in Download mode a complete version ends here.
    [[nodiscard]] std::optional<DownloadResult> checkCachedCopy(Ctx &c);
    [[nodiscard]] std::optional<DownloadResult> fetchInfo(Ctx &c);
    /// .mod: checked against go.sum and the checksum database before it is written.
    [[nodiscard]] std::optional<DownloadResult> fetchMod(Ctx &c);
    /// Download mode, under the lock: a version completed meanwhile, or go's fast path from a kept
    /// zip.
    [[nodiscard]] std::optional<DownloadResult> installKeptZip(Ctx &c);
    /// Streams the zip into tmpName (in the @v directory); "direct" drops the lock and hands over
    /// to go.
    [[nodiscard]] std::optional<DownloadResult> fetchZip(Ctx &c, const std::string &tmpName,
                                                         Expected<FileLock> &lock);
    /// Refresh / Replace: the fetched zip against go.sum, the checksum database and the cache's
    /// record.
    [[nodiscard]] std::optional<DownloadResult> compareWithRecord(Ctx &c,
                                                                  const std::string &tmpName);
    [[nodiscard]] DownloadResult keepRefreshed(Ctx &c, const std::string &tmpName);
    [[nodiscard]] DownloadResult replaceAndExtract(Ctx &c, const std::string &tmpName);
    /// Extracts zipName (in the @v directory) under .partial; with a new download (fresh), checks
    /// the hash, writes .ziphash and renames the temp zip into place.
    [[nodiscard]] DownloadResult install(Ctx &c, const std::string &zipName, bool fresh,
                                         const QString &expected);
    /// Moves a (partial) tree into our trash: go would delete it; the reaper will.
    [[nodiscard]] Status moveTreeAside(const Ctx &c);
    [[nodiscard]] bool treePresent(const Ctx &c) const;

    [[nodiscard]] Status writeMetadata(Ctx &c, const QString &suffix, const QByteArray &data);
    [[nodiscard]] Status checkHash(Ctx &c, const QString &h1, bool goMod);
    [[nodiscard]] DownloadResult goDirect(Ctx &c);
    /// go's "latest" query over the proxy: the highest release in @v/list, else the highest
    /// pre-release, else what @latest answers. direct is set when go must answer it instead.
    [[nodiscard]] Expected<QString> resolveLatest(const QString &path,
                                                  const std::function<bool()> &cancelled,
                                                  bool *direct);

    int m_root;
    const DownloadOptions &m_options;
    const ProxyFetcher &m_fetcher;
};

} // namespace mk
