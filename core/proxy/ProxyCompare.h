// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

#include <QFuture>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include "common/Error.h"
#include "common/Expected.h"
#include "keychain/Credential.h"
#include "proxy/HttpProxyEnvironment.h"

namespace mk {

/// Mirror consistency: asks several GOPROXY mirrors for the same module versions — @v/list,
/// .info, the go.mod and the zip — and reports where they disagree. The go.mod and zip are
/// compared by their h1: hashes (go.sum's), so two mirrors that compress a zip differently
/// but serve the same files agree. A different hash is a security finding naming both mirrors:
/// one of them serves content go.sum and the checksum database would reject.
/// Each zip is streamed into a temporary file once per mirror, hashed and deleted: a mirror
/// that lacks the version (its .info answers 404) is never asked for the zip, and the cache is
/// never touched.
class ProxyCompare final
{
public:
    struct Version
    {
        QString path;
        QString version;
        [[nodiscard]] QString id() const { return path + u'@' + version; }
    };

    struct Options
    {
        QStringList proxies; ///< http(s) or file:// base URLs, at least two
        QList<Version> versions;
        bool compareZips = true; ///< false: lists, .info presence and go.mod hashes only
        int jobs = 8;
        int timeoutMs = 30000;
        QHash<QString, Credential> credentials;
        QList<QSslCertificate> caCertificates;
        HttpProxyEnvironment proxyEnvironment = HttpProxyEnvironment::fromProcess();
        QString scratchDir; ///< where zips are hashed; empty: the temp directory
        /// The checksum database as referee (SumDbClient::hashLookup): the h1 of the zip and
        /// of the go.mod it lists for path@version (empty strings: not known). When it knows a
        /// version, every mirror is judged against it and a finding names the database; else
        /// mirrors are judged against each other. Null: not consulted.
        std::function<Expected<std::pair<QString, QString>>(const QString &path,
                                                            const QString &version)>
            checksumDb;
        QString checksumDbName; ///< e.g. sum.golang.org, for the findings
    };

    /// What one mirror answered for one version.
    struct Answer
    {
        bool present = false; ///< .info answered 200
        QString modSum;       ///< h1: of the .mod
        QString zipSum;       ///< h1: of the zip (empty when not compared)
        Error error;          ///< the mirror failed otherwise than "not found"
    };

    struct Row
    {
        QString path;
        QString version;
        QList<Answer> answers; ///< in Options::proxies order
        QString dbZipSum;      ///< what the checksum database lists (empty: not known)
        QString dbModSum;
        [[nodiscard]] QString id() const { return path + u'@' + version; }
    };

    struct Finding
    {
        enum class Kind {
            MissingVersion, ///< mirror (proxyA) lacks a version proxyB serves
            DifferentList,  ///< @v/list differs beyond the versions compared (details)
            DifferentHash,  ///< a security finding: what (go.mod / zip) differs between A and B
            Unreachable,    ///< proxyA failed (network, 5xx); nothing could be compared there
        };
        Kind kind = Kind::MissingVersion;
        QString path;
        QString version; ///< empty for DifferentList
        QString what;    ///< "zip", "go.mod" for DifferentHash
        QString proxyA;
        QString proxyB;
        QString valueA;
        QString valueB;
        QString message; ///< one sentence
        bool byChecksumDb = false; ///< proxyB is the checksum database, valueB its hash
        [[nodiscard]] bool security() const { return kind == Kind::DifferentHash; }
    };

    struct Report
    {
        QStringList proxies;
        QList<Row> rows;
        QList<Finding> findings;
        bool cancelled = false;
        Error error; ///< nothing could start (fewer than two proxies, a bad URL)
    };

    [[nodiscard]] static QFuture<Report> start(const Options &options);
    [[nodiscard]] static Report run(const Options &options,
                                    const std::function<bool()> &cancelled = {},
                                    const std::function<void(int done, int total)> &progress = {});

    [[nodiscard]] static QString toString(Finding::Kind kind);
};

} // namespace mk

Q_DECLARE_METATYPE(mk::ProxyCompare::Report)
