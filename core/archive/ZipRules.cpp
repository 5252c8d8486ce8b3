// SPDX-License-Identifier: GPL-3.0-or-later
#include "ZipRules.h"

#include <sys/stat.h>

#include <QHash>

#include "archive/GoUnicode.h"
#include "common/GoQuote.h"
#include "module/ModulePath.h"
#include "module/Semver.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// Error lists are capped so that a zip with 10^5 bad names still gives a readable message.
constexpr int maxListedErrors = 20;

struct FileError
{
    QByteArray name;
    QString err;
};

// x/mod/zip collisionChecker: folded path -> (original path, isDir).
class CollisionChecker
{
public:
    QString check(const QByteArray &p, bool isDir)
    {
        QByteArray path = p;
        bool dir = isDir;
        while (true) {
            const QByteArray fold = GoUnicode::strToFold(path);
            const auto it = m_seen.constFind(fold);
            if (it != m_seen.cend()) {
                if (path != it->path)
                    return u"case-insensitive file name collision: %1 and %2"_s.arg(
                        GoQuote::bytes(it->path), GoQuote::bytes(path));
                if (dir != it->isDir)
                    return u"entry %1 is both a file and a directory"_s.arg(GoQuote::bytes(path));
                if (!dir)
                    return u"multiple entries for file %1"_s.arg(GoQuote::bytes(path));
                // The same directory again: parents are checked once per file below them.
            } else {
                m_seen.insert(fold, {path, dir});
            }
            const qsizetype slash = path.lastIndexOf('/');
            if (slash < 0) // path.Dir(p) == "."
                return {};
            path.truncate(slash);
            dir = true;
        }
    }

private:
    struct PathInfo
    {
        QByteArray path;
        bool isDir = false;
    };
    QHash<QByteArray, PathInfo> m_seen;
};

bool equalFoldGoMod(const QByteArray &base)
{
    // strings.EqualFold(base, "go.mod"): no non-ASCII rune folds to g, o, m, d or '.',
    // so an ASCII case-insensitive comparison is exact.
    return base.size() == 6 && base.compare("go.mod", Qt::CaseInsensitive) == 0;
}

Status checkPathMajor(const QString &v, QString pathMajor, const QString &modulePath)
{
    if (pathMajor.startsWith(u".v") && pathMajor.endsWith(u"-unstable"))
        pathMajor.chop(9);
    if (v.startsWith(u"v0.0.0-") && pathMajor == u".v1")
        return {}; // an old bug in pseudo-versions for gopkg.in .v1, still accepted by go
    const QString m = Semver::major(v);
    if (pathMajor.isEmpty()) {
        if (m == u"v0" || m == u"v1" || Semver::build(v) == u"+incompatible")
            return {};
        pathMajor = u"v0 or v1"_s;
    } else if (pathMajor.front() == u'/' || pathMajor.front() == u'.') {
        if (m == QStringView(pathMajor).mid(1))
            return {};
        pathMajor = pathMajor.mid(1);
    }
    // ModuleError wrapping InvalidVersionError: "path@version: invalid version: ...".
    return Error::make(Error::Code::InvalidArgument,
                       u"invalid version: should be %1, not %2"_s.arg(pathMajor, m),
                       modulePath + u'@' + v);
}

} // namespace

QByteArray ZipRules::cleanPath(const QByteArray &path)
{
    if (path.isEmpty())
        return QByteArrayLiteral(".");
    const bool rooted = path.front() == '/';
    const qsizetype n = path.size();
    QByteArray out;
    out.reserve(n);
    qsizetype r = 0, dotdot = 0;
    if (rooted) {
        out += '/';
        r = dotdot = 1;
    }
    while (r < n) {
        if (path.at(r) == '/') {
            ++r;
        } else if (path.at(r) == '.' && (r + 1 == n || path.at(r + 1) == '/')) {
            ++r;
        } else if (path.at(r) == '.' && path.at(r + 1) == '.'
                   && (r + 2 == n || path.at(r + 2) == '/')) {
            r += 2;
            if (out.size() > dotdot) {
                qsizetype w = out.size() - 1;
                while (w > dotdot && out.at(w) != '/')
                    --w;
                out.truncate(w);
            } else if (!rooted) {
                if (!out.isEmpty())
                    out += '/';
                out += "..";
                dotdot = out.size();
            }
        } else {
            if ((rooted && out.size() != 1) || (!rooted && !out.isEmpty()))
                out += '/';
            for (; r < n && path.at(r) != '/'; ++r)
                out += path.at(r);
        }
    }
    if (out.isEmpty())
        return QByteArrayLiteral(".");
    return out;
}

Status ZipRules::checkModuleVersion(const QString &modulePath, const QString &version)
{
    const QString subject = modulePath + u'@' + version;
    if (const QString canonical = Semver::canonicalVersion(version); canonical != version)
        return Error::make(Error::Code::InvalidArgument,
                           u"version %1 is not canonical (should be %2)"_s.arg(
                               GoQuote::string(version), GoQuote::string(canonical)),
                           subject);
    // module.Check
    if (Status s = ModulePath::checkPath(modulePath); !s)
        return s;
    if (!Semver::isValid(version))
        return Error::make(Error::Code::InvalidArgument,
                           u"invalid version: not a semantic version"_s, subject);
    return checkPathMajor(version, ModulePath::splitPathVersion(modulePath).pathMajor, modulePath);
}

Expected<ModuleZipContents> ZipRules::checkEntries(const QList<ZipEntry> &entries,
                                                   const QString &modulePath,
                                                   const QString &version, const ZipLimits &limits)
{
    const QByteArray prefix = (modulePath + u'@' + version + u'/').toUtf8();
    QList<FileError> invalid;
    QString sizeError;
    CollisionChecker collisions;
    ModuleZipContents out;
    qint64 size = 0;
    const auto addError = [&invalid](const ZipEntry &e, const QString &err) {
        invalid.append({e.name, err});
    };

    for (const ZipEntry &zf : entries) {
        if (!zf.name.startsWith(prefix)) {
            addError(zf, u"path does not have prefix %1"_s.arg(GoQuote::bytes(prefix)));
            continue;
        }
        QByteArray name = zf.name.mid(prefix.size());
        if (name.isEmpty())
            continue; // the "<path>@<version>/" entry itself
        const bool isDir = name.endsWith('/');
        if (isDir)
            name.chop(1);
        if (cleanPath(name) != name) {
            addError(zf, u"file path is not clean"_s);
            continue;
        }
        // module.CheckFilePath; ModulePath works on text, so invalid UTF-8 is caught here.
        if (!GoUnicode::isValidUtf8(name)) {
            addError(zf, u"malformed file path %1: invalid UTF-8"_s.arg(GoQuote::bytes(name)));
            continue;
        }
        if (Status s = ModulePath::checkFilePath(QString::fromUtf8(name)); !s) {
            addError(zf, s.error().message);
            continue;
        }
        if (QString err = collisions.check(name, isDir); !err.isEmpty()) {
            addError(zf, err);
            continue;
        }
        if (!limits.allowIrregularModes) {
            const quint32 type = zf.unixFileType();
            if (type == S_IFLNK) {
                addError(zf, u"file is a symbolic link"_s); // x/mod/zip errSymlink
                continue;
            }
            if (!isDir && type != 0 && type != S_IFREG) {
                addError(zf, u"not a regular file"_s); // x/mod/zip errNotRegular
                continue;
            }
        }
        if (isDir)
            continue;
        const qsizetype slash = name.lastIndexOf('/');
        const QByteArray base = slash < 0 ? name : name.mid(slash + 1);
        if (equalFoldGoMod(base)) {
            if (base != name) {
                addError(zf, u"go.mod file not in module root directory"_s);
                continue;
            }
            if (name != "go.mod") {
                addError(zf, u"go.mod files must have lowercase names"_s);
                continue;
            }
        }
        const qint64 sz = qint64(zf.size); // negative when the u64 does not fit, as in go
        if (sz >= 0 && limits.maxUncompressed - size >= sz) {
            size += sz;
        } else if (sizeError.isEmpty()) {
            sizeError
                = u"total uncompressed size of module contents too large (max size is %1 bytes)"_s
                      .arg(limits.maxUncompressed);
        }
        if (name == "go.mod" && sz > limits.maxGoMod) {
            addError(zf, u"go.mod file too large (max size is %1 bytes)"_s.arg(limits.maxGoMod));
            continue;
        }
        if (name == "LICENSE" && sz > limits.maxLicense) {
            addError(zf, u"LICENSE file too large (max size is %1 bytes)"_s.arg(limits.maxLicense));
            continue;
        }
        out.files.append({QString::fromUtf8(name), sz, zf.index});
    }

    if (!sizeError.isEmpty())
        return Error::make(Error::Code::InvalidArgument, sizeError);
    if (!invalid.isEmpty()) {
        // go's FileErrorList: one "name: error" line per entry.
        QString message = invalid.front().err;
        for (qsizetype i = 1; i < invalid.size() && i < maxListedErrors; ++i)
            message += u'\n' + GoUnicode::display(invalid.at(i).name) + u": "_s + invalid.at(i).err;
        if (invalid.size() > maxListedErrors)
            message += u"\n(%1 more invalid entries)"_s.arg(invalid.size() - maxListedErrors);
        return Error::make(Error::Code::InvalidArgument, message,
                           GoUnicode::display(invalid.front().name));
    }
    out.totalSize = size;
    return out;
}

} // namespace mk
