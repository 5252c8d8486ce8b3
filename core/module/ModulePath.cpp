// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModulePath.h"

#include <QStringList>

#include "common/GoQuote.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

enum class PathKind {
    Module,
    Import,
    File
};

bool isAsciiDigit(char32_t r)
{
    return r >= '0' && r <= '9';
}
bool isAsciiLower(char32_t r)
{
    return r >= 'a' && r <= 'z';
}
bool isAsciiUpper(char32_t r)
{
    return r >= 'A' && r <= 'Z';
}

bool modPathOK(char32_t r)
{
    return r < 0x80
           && (r == '-' || r == '.' || r == '_' || r == '~' || isAsciiDigit(r) || isAsciiUpper(r)
               || isAsciiLower(r));
}

bool importPathOK(char32_t r)
{
    return modPathOK(r) || r == '+';
}

bool fileNameOK(char32_t r)
{
    if (r < 0x80) {
        static constexpr char allowed[] = "!#$%&()+,-.=@[]^_{}~ ";
        for (const char *p = allowed; *p; ++p)
            if (r == char32_t(*p))
                return true;
        return isAsciiDigit(r) || isAsciiUpper(r) || isAsciiLower(r);
    }
    return QChar::isLetter(uint(r));
}

bool firstPathOK(char32_t r)
{
    return r == '-' || r == '.' || isAsciiDigit(r) || isAsciiLower(r);
}

// Go formats runes and strings with %q: escapes for quotes, backslashes and unprintables.
QString quoteRune(char32_t r)
{
    return GoQuote::rune(r);
}

QString quoteString(const QString &s)
{
    return GoQuote::string(s);
}

QList<char32_t> runes(const QString &s)
{
    QList<char32_t> out;
    for (uint u : s.toUcs4())
        out.append(char32_t(u));
    return out;
}

bool validUtf16(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 >= s.size() || !s.at(i + 1).isLowSurrogate())
                return false;
            ++i;
        } else if (c.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

QString checkElem(const QString &elem, PathKind kind)
{
    if (elem.isEmpty())
        return u"empty path element"_s;
    if (elem.count(u'.') == elem.size())
        return u"invalid path element "_s + quoteString(elem);
    if (elem.front() == u'.' && kind == PathKind::Module)
        return u"leading dot in path element"_s;
    if (elem.back() == u'.')
        return u"trailing dot in path element"_s;
    for (char32_t r : runes(elem)) {
        bool ok = false;
        switch (kind) {
        case PathKind::Module:
            ok = modPathOK(r);
            break;
        case PathKind::Import:
            ok = importPathOK(r);
            break;
        case PathKind::File:
            ok = fileNameOK(r);
            break;
        }
        if (!ok)
            return u"invalid char "_s + quoteRune(r);
    }
    QString shortName = elem;
    if (const qsizetype dot = shortName.indexOf(u'.'); dot >= 0)
        shortName.truncate(dot);
    static const QStringList badWindowsNames = {
        u"CON"_s,  u"PRN"_s,  u"AUX"_s,  u"NUL"_s,  u"COM1"_s, u"COM2"_s, u"COM3"_s, u"COM4"_s,
        u"COM5"_s, u"COM6"_s, u"COM7"_s, u"COM8"_s, u"COM9"_s, u"LPT1"_s, u"LPT2"_s, u"LPT3"_s,
        u"LPT4"_s, u"LPT5"_s, u"LPT6"_s, u"LPT7"_s, u"LPT8"_s, u"LPT9"_s,
    };
    for (const QString &bad : badWindowsNames)
        if (bad.compare(shortName, Qt::CaseInsensitive) == 0)
            return quoteString(shortName) + u" disallowed as path element component on Windows"_s;
    if (kind == PathKind::File)
        return {};
    // Windows short names end in a tilde and digits (golang/go#39204).
    const qsizetype tilde = shortName.lastIndexOf(u'~');
    if (tilde >= 0 && tilde < shortName.size() - 1) {
        bool digits = true;
        for (qsizetype i = tilde + 1; i < shortName.size(); ++i)
            digits = digits && shortName.at(i).unicode() >= '0' && shortName.at(i).unicode() <= '9';
        if (digits)
            return u"trailing tilde and digits in path element"_s;
    }
    return {};
}

QString checkPathKind(const QString &path, PathKind kind)
{
    if (!validUtf16(path))
        return u"invalid UTF-8"_s;
    if (path.isEmpty())
        return u"empty string"_s;
    if (path.front() == u'-' && kind != PathKind::File)
        return u"leading dash"_s;
    if (path.contains(u"//"))
        return u"double slash"_s;
    if (path.back() == u'/')
        return u"trailing slash"_s;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path.at(i) == u'/') {
            const QString err = checkElem(path.mid(start, i - start), kind);
            if (!err.isEmpty())
                return err;
            start = i + 1;
        }
    }
    return {};
}

Error invalidPath(const QString &kind, const QString &path, const QString &err)
{
    return Error::make(Error::Code::InvalidArgument,
                       u"malformed "_s + kind + u" path "_s + quoteString(path) + u": "_s + err,
                       path);
}

// module.escapeString: upper case becomes '!' + lower case.
Expected<QString> escapeString(const QString &s)
{
    QString out;
    out.reserve(s.size() + 8);
    for (QChar c : s) {
        const char16_t r = c.unicode();
        if (r == u'!' || r >= 0x80)
            return Error::make(Error::Code::InvalidArgument,
                               u"internal error: inconsistency in EscapePath"_s, s);
        if (r >= u'A' && r <= u'Z') {
            out += u'!';
            out += QChar(char16_t(r + (u'a' - u'A')));
        } else {
            out += c;
        }
    }
    return out;
}

bool unescapeString(const QString &escaped, QString *out)
{
    out->clear();
    out->reserve(escaped.size());
    bool bang = false;
    for (QChar c : escaped) {
        const char16_t r = c.unicode();
        if (r >= 0x80)
            return false;
        if (bang) {
            bang = false;
            if (r < u'a' || r > u'z')
                return false;
            *out += QChar(char16_t(r + (u'A' - u'a')));
            continue;
        }
        if (r == u'!') {
            bang = true;
            continue;
        }
        if (r >= u'A' && r <= u'Z')
            return false;
        *out += c;
    }
    return !bang;
}

ModulePath::Split splitGopkgIn(const QString &path)
{
    ModulePath::Split s{path, {}, false};
    if (!path.startsWith(u"gopkg.in/"))
        return s;
    qsizetype i = path.size();
    if (path.endsWith(u"-unstable"))
        i -= 9;
    while (i > 0 && path.at(i - 1).unicode() >= '0' && path.at(i - 1).unicode() <= '9')
        --i;
    if (i <= 1 || path.at(i - 1) != u'v' || path.at(i - 2) != u'.')
        return s;
    const QString major = path.mid(i - 2);
    if (major.size() <= 2 || (major.at(2) == u'0' && major != u".v0"))
        return s;
    return {path.left(i - 2), major, true};
}

} // namespace

Status ModulePath::checkPath(const QString &path)
{
    QString err = checkPathKind(path, PathKind::Module);
    if (err.isEmpty()) {
        qsizetype i = path.indexOf(u'/');
        if (i < 0)
            i = path.size();
        const QString first = path.left(i);
        if (i == 0)
            err = u"leading slash"_s;
        else if (!first.contains(u'.'))
            err = u"missing dot in first path element"_s;
        else if (path.front() == u'-')
            err = u"leading dash in first path element"_s;
        else {
            for (char32_t r : runes(first)) {
                if (!firstPathOK(r)) {
                    err = u"invalid char "_s + quoteRune(r) + u" in first path element"_s;
                    break;
                }
            }
        }
        if (err.isEmpty() && !splitPathVersion(path).ok)
            err = u"invalid version"_s;
    }
    if (!err.isEmpty())
        return invalidPath(u"module"_s, path, err);
    return {};
}

Status ModulePath::checkImportPath(const QString &path)
{
    const QString err = checkPathKind(path, PathKind::Import);
    if (!err.isEmpty())
        return invalidPath(u"import"_s, path, err);
    return {};
}

Status ModulePath::checkFilePath(const QString &path)
{
    const QString err = checkPathKind(path, PathKind::File);
    if (!err.isEmpty())
        return invalidPath(u"file"_s, path, err);
    return {};
}

Expected<QString> ModulePath::escapePath(const QString &path)
{
    if (Status st = checkPath(path); !st)
        return st.error();
    return escapeString(path);
}

Expected<QString> ModulePath::escapeVersion(const QString &version)
{
    if (!checkElem(version, PathKind::File).isEmpty() || version.contains(u'!'))
        return Error::make(Error::Code::InvalidArgument,
                           u"version "_s + quoteString(version)
                               + u" invalid: disallowed version string"_s,
                           version);
    return escapeString(version);
}

Expected<QString> ModulePath::unescapePath(const QString &escaped)
{
    QString path;
    if (!unescapeString(escaped, &path))
        return Error::make(Error::Code::InvalidArgument,
                           u"invalid escaped module path "_s + quoteString(escaped), escaped);
    if (Status st = checkPath(path); !st)
        return Error::make(Error::Code::InvalidArgument,
                           u"invalid escaped module path "_s + quoteString(escaped) + u": "_s
                               + st.error().message,
                           escaped);
    return path;
}

Expected<QString> ModulePath::unescapeVersion(const QString &escaped)
{
    QString v;
    if (!unescapeString(escaped, &v))
        return Error::make(Error::Code::InvalidArgument,
                           u"invalid escaped version "_s + quoteString(escaped), escaped);
    if (const QString err = checkElem(v, PathKind::File); !err.isEmpty())
        return Error::make(Error::Code::InvalidArgument,
                           u"invalid escaped version "_s + quoteString(v) + u": "_s + err, escaped);
    return v;
}

ModulePath::Split ModulePath::splitPathVersion(const QString &path)
{
    if (path.startsWith(u"gopkg.in/"))
        return splitGopkgIn(path);
    qsizetype i = path.size();
    bool dot = false;
    while (i > 0
           && ((path.at(i - 1).unicode() >= '0' && path.at(i - 1).unicode() <= '9')
               || path.at(i - 1) == u'.')) {
        if (path.at(i - 1) == u'.')
            dot = true;
        --i;
    }
    if (i <= 1 || i == path.size() || path.at(i - 1) != u'v' || path.at(i - 2) != u'/')
        return {path, {}, true};
    const QString major = path.mid(i - 2);
    if (dot || major.size() <= 2 || major.at(2) == u'0' || major == u"/v1")
        return {path, {}, false};
    return {path.left(i - 2), major, true};
}

bool ModulePath::matchPrefixPatterns(QStringView globs, QStringView target)
{
    while (!globs.isEmpty()) {
        QStringView glob;
        if (const qsizetype comma = globs.indexOf(u','); comma >= 0) {
            glob = globs.left(comma);
            globs = globs.mid(comma + 1);
        } else {
            glob = globs;
            globs = {};
        }
        if (glob.endsWith(u'/'))
            glob.chop(1);
        if (glob.isEmpty())
            continue;
        // A glob with N slashes is matched against the first N+1 elements of target.
        qsizetype n = glob.count(u'/');
        QStringView prefix = target;
        for (qsizetype i = 0; i < target.size(); ++i) {
            if (target.at(i) == u'/') {
                if (n == 0) {
                    prefix = target.left(i);
                    break;
                }
                --n;
            }
        }
        if (n > 0)
            continue;
        if (pathMatch(glob, prefix))
            return true;
    }
    return false;
}

namespace {

// Ports of path.Match's helpers (Go standard library, src/path/match.go). Names are
// UTF-16 here; module paths and globs are ASCII in practice, so units and runes agree.
struct ChunkMatch
{
    QStringView rest;
    bool ok = false;
    bool bad = false; // ErrBadPattern
};

bool getEsc(QStringView &chunk, QChar *r)
{
    if (chunk.isEmpty() || chunk.front() == u'-' || chunk.front() == u']')
        return false;
    if (chunk.front() == u'\\') {
        chunk = chunk.mid(1);
        if (chunk.isEmpty())
            return false;
    }
    *r = chunk.front();
    chunk = chunk.mid(1);
    return !chunk.isEmpty();
}

ChunkMatch matchChunk(QStringView chunk, QStringView s)
{
    // After a mismatch the loop goes on through chunk, checking only its syntax.
    bool failed = false;
    while (!chunk.isEmpty()) {
        if (!failed && s.isEmpty())
            failed = true;
        const QChar c = chunk.front();
        if (c == u'[') {
            QChar r;
            if (!failed) {
                r = s.front();
                s = s.mid(1);
            }
            chunk = chunk.mid(1);
            bool negated = false;
            if (!chunk.isEmpty() && chunk.front() == u'^') {
                negated = true;
                chunk = chunk.mid(1);
            }
            bool match = false;
            int nrange = 0;
            while (true) {
                if (!chunk.isEmpty() && chunk.front() == u']' && nrange > 0) {
                    chunk = chunk.mid(1);
                    break;
                }
                QChar lo, hi;
                if (!getEsc(chunk, &lo))
                    return {{}, false, true};
                hi = lo;
                if (chunk.front() == u'-') {
                    chunk = chunk.mid(1);
                    if (!getEsc(chunk, &hi))
                        return {{}, false, true};
                }
                if (lo <= r && r <= hi)
                    match = true;
                ++nrange;
            }
            if (match == negated)
                failed = true;
        } else if (c == u'?') {
            if (!failed) {
                if (s.front() == u'/')
                    failed = true;
                s = s.mid(1);
            }
            chunk = chunk.mid(1);
        } else {
            if (c == u'\\') {
                chunk = chunk.mid(1);
                if (chunk.isEmpty())
                    return {{}, false, true};
            }
            if (!failed) {
                if (chunk.front() != s.front())
                    failed = true;
                s = s.mid(1);
            }
            chunk = chunk.mid(1);
        }
    }
    if (failed)
        return {{}, false, false};
    return {s, true, false};
}

struct Chunk
{
    bool star = false;
    QStringView chunk;
    QStringView rest;
};

Chunk scanChunk(QStringView pattern)
{
    Chunk out;
    while (!pattern.isEmpty() && pattern.front() == u'*') {
        pattern = pattern.mid(1);
        out.star = true;
    }
    bool inRange = false;
    qsizetype i = 0;
    for (; i < pattern.size(); ++i) {
        const QChar ch = pattern.at(i);
        if (ch == u'\\') {
            if (i + 1 < pattern.size())
                ++i;
        } else if (ch == u'[') {
            inRange = true;
        } else if (ch == u']') {
            inRange = false;
        } else if (ch == u'*' && !inRange) {
            break;
        }
    }
    out.chunk = pattern.left(i);
    out.rest = pattern.mid(i);
    return out;
}

} // namespace

bool ModulePath::isValidPattern(QStringView pattern)
{
    // path.Match reports ErrBadPattern after checking every chunk against an empty name.
    while (!pattern.isEmpty()) {
        const Chunk c = scanChunk(pattern);
        pattern = c.rest;
        if (matchChunk(c.chunk, {}).bad)
            return false;
    }
    return true;
}

bool ModulePath::pathMatch(QStringView pattern, QStringView name)
{
    while (!pattern.isEmpty()) {
        const Chunk c = scanChunk(pattern);
        pattern = c.rest;
        if (c.star && c.chunk.isEmpty())
            return !name.contains(u'/');
        const ChunkMatch m = matchChunk(c.chunk, name);
        if (m.ok && (m.rest.isEmpty() || !pattern.isEmpty())) {
            name = m.rest;
            continue;
        }
        if (m.bad)
            return false;
        bool advanced = false;
        if (c.star) {
            for (qsizetype i = 0; i < name.size() && name.at(i) != u'/'; ++i) {
                const ChunkMatch t = matchChunk(c.chunk, name.mid(i + 1));
                if (t.ok) {
                    if (pattern.isEmpty() && !t.rest.isEmpty())
                        continue;
                    name = t.rest;
                    advanced = true;
                    break;
                }
                if (t.bad)
                    return false;
            }
        }
        if (advanced)
            continue;
        return false;
    }
    return name.isEmpty();
}

} // namespace mk
