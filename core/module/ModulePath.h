// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include "common/Expected.h"

namespace mk {

/// Module path and version rules of golang.org/x/mod/module, bit for bit: validation,
/// the "!x" case escaping used in cache file names and proxy URLs, and GOPRIVATE-style
/// prefix-glob matching. Every error message is go's own.
class ModulePath final
{
public:
    /// module.CheckPath: a valid module path (dot in the first element, allowed characters, ...).
    static Status checkPath(const QString &path);
    /// module.CheckImportPath: like a module path, plus '+', without the first-element rules.
    static Status checkImportPath(const QString &path);
    /// module.CheckFilePath: a valid file path inside a module zip.
    static Status checkFilePath(const QString &path);

    /// module.EscapePath: "github.com/Azure/x" -> "github.com/!azure/x".
    static Expected<QString> escapePath(const QString &path);
    /// module.EscapeVersion: "v1.0.0-RC1" -> "v1.0.0-!r!c1".
    static Expected<QString> escapeVersion(const QString &version);
    /// module.UnescapePath: the exact inverse; a name it cannot decode is an error, never a guess.
    static Expected<QString> unescapePath(const QString &escaped);
    /// module.UnescapeVersion.
    static Expected<QString> unescapeVersion(const QString &escaped);

    /// module.SplitPathVersion: "example.com/m/v2" -> ("example.com/m", "/v2"); ok=false when the
    /// major version suffix is malformed (e.g. "/v1", "/v0", "/v2.0").
    struct Split
    {
        QString prefix;
        QString pathMajor;
        bool ok = false;
    };
    static Split splitPathVersion(const QString &path);

    /// module.MatchPrefixPatterns, as go applies GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE:
    /// comma-separated globs (not trimmed), each matched with path.Match against as many
    /// leading path elements of target as the glob has.
    static bool matchPrefixPatterns(QStringView globs, QStringView target);

    /// path.Match from Go's standard library. Returns false for a malformed pattern.
    static bool pathMatch(QStringView pattern, QStringView name);
    /// Whether path.Match would accept pattern's syntax (unclosed '[', trailing '\\' ... are not).
    static bool isValidPattern(QStringView pattern);
};

} // namespace mk
