// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoEnvFile.h"

#include <algorithm>

#include <QSet>

#include "common/GoQuote.h"
#include "env/GoFilePath.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

Error invalid(const QString &message, const QString &subject)
{
    return Error::make(Error::Code::InvalidArgument, message, subject);
}

// envcmd.lineToKey: the text before the first '=' unless it holds a '#'; "" otherwise.
QByteArray lineToKey(const QByteArray &line)
{
    const qsizetype i = line.indexOf('=');
    if (i < 0 || line.left(i).contains('#'))
        return {};
    return line.left(i);
}

bool validUtf8(const QByteArray &s)
{
    for (qsizetype i = 0; i < s.size();) {
        const uchar c = uchar(s.at(i));
        int n = 0;
        char32_t r = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            r = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            r = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            r = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= s.size())
            return false;
        for (int k = 1; k <= n; ++k) {
            const uchar cc = uchar(s.at(i + k));
            if ((cc & 0xC0) != 0x80)
                return false;
            r = r << 6 | (cc & 0x3F);
        }
        if ((n == 2 && (r < 0x800 || (r >= 0xD800 && r <= 0xDFFF)))
            || (n == 3 && (r < 0x10000 || r > 0x10FFFF)))
            return false;
        i += n + 1;
    }
    return true;
}

bool hasLoneSurrogate(const QString &s)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

// cmd/internal/quoted.Split: fields separated by spaces, '...' or "..." around a field.
Expected<QList<QByteArray>> quotedSplit(QByteArray s)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    QList<QByteArray> fields;
    while (!s.isEmpty()) {
        while (!s.isEmpty() && space(s.front()))
            s.remove(0, 1);
        if (s.isEmpty())
            break;
        if (s.front() == '"' || s.front() == '\'') {
            const char quote = s.front();
            const qsizetype end = s.indexOf(quote, 1);
            if (end < 0)
                return invalid(u"unterminated %1 string"_s.arg(QLatin1Char(quote)),
                               QString::fromUtf8(s));
            fields.append(s.mid(1, end - 1));
            s.remove(0, end + 1);
            continue;
        }
        qsizetype i = 0;
        while (i < s.size() && !space(s.at(i)))
            ++i;
        fields.append(s.left(i));
        s.remove(0, i);
    }
    return fields;
}

} // namespace

QStringList GoEnvFile::knownKeys(int goMinor)
{
    // internal/cfg.KnownEnv of go1.19 and go1.23; the release gates in between are from
    // upstream history (GOTOOLCHAIN and GOCACHEPROG came with 1.21, GOARM64 and GORISCV64
    // with 1.23, GOAUTH and GOFIPS140 with 1.24).
    QStringList keys = {
        u"AR"_s,
        u"CC"_s,
        u"CGO_CFLAGS"_s,
        u"CGO_CFLAGS_ALLOW"_s,
        u"CGO_CFLAGS_DISALLOW"_s,
        u"CGO_CPPFLAGS"_s,
        u"CGO_CPPFLAGS_ALLOW"_s,
        u"CGO_CPPFLAGS_DISALLOW"_s,
        u"CGO_CXXFLAGS"_s,
        u"CGO_CXXFLAGS_ALLOW"_s,
        u"CGO_CXXFLAGS_DISALLOW"_s,
        u"CGO_ENABLED"_s,
        u"CGO_FFLAGS"_s,
        u"CGO_FFLAGS_ALLOW"_s,
        u"CGO_FFLAGS_DISALLOW"_s,
        u"CGO_LDFLAGS"_s,
        u"CGO_LDFLAGS_ALLOW"_s,
        u"CGO_LDFLAGS_DISALLOW"_s,
        u"CXX"_s,
        u"FC"_s,
        u"GCCGO"_s,
        u"GO111MODULE"_s,
        u"GO386"_s,
        u"GOAMD64"_s,
        u"GOARCH"_s,
        u"GOARM"_s,
        u"GOBIN"_s,
        u"GOCACHE"_s,
        u"GOENV"_s,
        u"GOEXE"_s,
        u"GOEXPERIMENT"_s,
        u"GOFLAGS"_s,
        u"GOGCCFLAGS"_s,
        u"GOHOSTARCH"_s,
        u"GOHOSTOS"_s,
        u"GOINSECURE"_s,
        u"GOMIPS"_s,
        u"GOMIPS64"_s,
        u"GOMODCACHE"_s,
        u"GONOPROXY"_s,
        u"GONOSUMDB"_s,
        u"GOOS"_s,
        u"GOPATH"_s,
        u"GOPPC64"_s,
        u"GOPRIVATE"_s,
        u"GOPROXY"_s,
        u"GOROOT"_s,
        u"GOSUMDB"_s,
        u"GOTMPDIR"_s,
        u"GOTOOLDIR"_s,
        u"GOVCS"_s,
        u"GOWASM"_s,
        u"GOWORK"_s,
        u"GO_EXTLINK_ENABLED"_s,
        u"PKG_CONFIG"_s,
    };
    if (goMinor >= 21)
        keys << u"GOTOOLCHAIN"_s << u"GOCACHEPROG"_s;
    if (goMinor >= 23)
        keys << u"GOARM64"_s << u"GORISCV64"_s;
    if (goMinor >= 24)
        keys << u"GOAUTH"_s << u"GOFIPS140"_s;
    keys.sort();
    return keys;
}

QHash<QString, QString> GoEnvFile::parse(const QByteArray &content)
{
    QHash<QString, QString> out;
    qsizetype start = 0;
    while (start < content.size()) {
        qsizetype end = content.indexOf('\n', start);
        if (end < 0)
            end = content.size();
        const QByteArrayView line(content.constData() + start, end - start);
        start = end + 1;
        const qsizetype eq = line.indexOf('=');
        // Comments, blank lines and lower-case names are ignored, as go does.
        if (eq < 0 || line.front() < 'A' || line.front() > 'Z')
            continue;
        out.insert(QString::fromUtf8(line.first(eq)), QString::fromUtf8(line.sliced(eq + 1)));
    }
    return out;
}

Status GoEnvFile::checkWrite(const QString &key, const QString &value, const Rules &rules)
{
    if (hasLoneSurrogate(value)) {
        // Run the key checks first, as go would, with a placeholder that passes them.
        if (Status st = checkWrite(key, QByteArray("/"), rules); !st)
            return st;
        return invalid(u"invalid UTF-8 in %1=... value"_s.arg(key), key);
    }
    return checkWrite(key, value.toUtf8(), rules);
}

Status GoEnvFile::checkWrite(const QString &key, const QByteArray &value, const Rules &rules)
{
    static const QSet<QString> computed
        = {u"GOEXE"_s, u"GOGCCFLAGS"_s, u"GOHOSTARCH"_s, u"GOHOSTOS"_s,
           u"GOMOD"_s, u"GOWORK"_s,     u"GOTOOLDIR"_s,  u"GOVERSION"_s};
    if (computed.contains(key))
        return invalid(u"%1 cannot be modified"_s.arg(key), key);
    if (key == u"GOENV" || (key == u"GODEBUG" && rules.goMinor >= 21))
        return invalid(u"%1 can only be set using the OS environment"_s.arg(key), key);

    // To catch typos, go refuses names it does not know.
    const bool known = knownKeys(rules.goMinor).contains(key)
                       || (rules.goMinor >= 21 && rules.keysInFiles.contains(key));
    if (!known)
        return invalid(u"unknown go command variable %1"_s.arg(key), key);

    const QString text = QString::fromUtf8(value);
    if (key == u"GO111MODULE") {
        if (!value.isEmpty() && value != "auto" && value != "on" && value != "off")
            return invalid(u"invalid %1 value %2"_s.arg(key, GoQuote::bytes(value)), key);
    } else if (key == u"GOPATH") {
        // The whole value is tested, not each list entry, exactly as go does.
        if (value.startsWith('~'))
            return invalid(u"GOPATH entry cannot start with shell metacharacter '~': %1"_s.arg(
                               GoQuote::bytes(value)),
                           key);
        if (!value.isEmpty() && !GoFilePath::isAbs(text, rules.platform))
            return invalid(
                u"GOPATH entry is relative; must be absolute path: %1"_s.arg(GoQuote::bytes(value)),
                key);
    } else if (key == u"GOMODCACHE") {
        if (!value.isEmpty() && !GoFilePath::isAbs(text, rules.platform))
            return invalid(u"GOMODCACHE entry is relative; must be absolute path: %1"_s.arg(
                               GoQuote::bytes(value)),
                           key);
    } else if ((key == u"CC" || key == u"CXX") && !value.isEmpty()) {
        const Expected<QList<QByteArray>> args = quotedSplit(value);
        if (!args)
            return invalid(u"invalid %1: %2"_s.arg(key, args.error().message), key);
        if (args->isEmpty())
            return invalid(u"%1 entry cannot contain only space"_s.arg(key), key);
        const QString first = QString::fromUtf8(args->first());
        if (!GoFilePath::isAbs(first, rules.platform)
            && first != GoFilePath::base(first, rules.platform))
            return invalid(u"%1 entry is relative; must be absolute path: %2"_s.arg(
                               key, GoQuote::bytes(args->first())),
                           key);
    }

    if (!validUtf8(value))
        return invalid(u"invalid UTF-8 in %1=... value"_s.arg(key), key);
    if (value.contains('\0'))
        return invalid(u"invalid NUL in %1=... value"_s.arg(key), key);
    if (value.contains('\v') || value.contains('\r') || value.contains('\n'))
        return invalid(u"invalid newline in %1=... value"_s.arg(key), key);
    return {};
}

Expected<QByteArray> GoEnvFile::set(const std::optional<QByteArray> &content,
                                    const QList<Assignment> &assignments, const Rules &rules)
{
    if (assignments.isEmpty())
        return invalid(u"no KEY=VALUE arguments given"_s, {});
    QSet<QString> seen;
    for (const Assignment &a : assignments) {
        if (Status st = checkWrite(a.first, a.second, rules); !st)
            return st.error();
        if (seen.contains(a.first))
            return invalid(u"multiple values for key: %1"_s.arg(a.first), a.first);
        seen.insert(a.first);
    }
    for (const Assignment &a : assignments) {
        if (a.first == u"GOTMPDIR" && !a.second.isEmpty()
            && !GoFilePath::isAbs(QString::fromUtf8(a.second), rules.platform))
            return invalid(u"GOTMPDIR must be an absolute path"_s, a.first);
    }
    return update(content.value_or(QByteArray()), assignments, {});
}

Expected<QByteArray> GoEnvFile::unset(const std::optional<QByteArray> &content,
                                      const QStringList &keys, const Rules &rules)
{
    if (keys.isEmpty())
        return invalid(u"'go env -u' requires an argument"_s, {});
    for (const QString &key : keys) {
        if (Status st = checkWrite(key, QByteArray(), rules); !st)
            return st.error();
    }
    if (!content) {
        return Error::make(
            Error::Code::NotFound,
            u"reading go env config: open %1: no such file or directory"_s.arg(rules.path),
            rules.path);
    }
    return update(*content, {}, keys);
}

QByteArray GoEnvFile::update(const QByteArray &content, const QList<Assignment> &add,
                             const QStringList &remove)
{
    // strings.SplitAfter(data, "\n"), with a newline added to an unterminated last line.
    QList<QByteArray> lines;
    for (qsizetype start = 0; start < content.size();) {
        qsizetype end = content.indexOf('\n', start);
        end = end < 0 ? content.size() : end + 1;
        lines.append(content.mid(start, end - start));
        start = end;
    }
    if (!lines.isEmpty() && !lines.last().endsWith('\n'))
        lines.last().append('\n');

    // Only the last copy of a key takes effect; the others are blanked. A blanked line
    // stays in the list and, like a comment, ends a run of lines to be sorted.
    QHash<QByteArray, qsizetype> prev;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray key = lineToKey(lines.at(i));
        if (key.isEmpty())
            continue;
        if (const auto it = prev.constFind(key); it != prev.constEnd())
            lines[*it].clear();
        prev.insert(key, i);
    }

    QHash<QByteArray, qsizetype> appended; // a key given twice keeps its last value
    for (const Assignment &a : add) {
        const QByteArray key = a.first.toUtf8();
        const QByteArray line = key + '=' + a.second + '\n';
        if (const auto it = prev.constFind(key); it != prev.constEnd()) {
            lines[*it] = line;
        } else if (const auto at = appended.constFind(key); at != appended.constEnd()) {
            lines[*at] = line;
        } else {
            lines.append(line);
            appended.insert(key, lines.size() - 1);
        }
    }
    for (const QString &k : remove) {
        if (const auto it = prev.constFind(k.toUtf8()); it != prev.constEnd())
            lines[*it].clear();
    }

    const auto byKey
        = [](const QByteArray &a, const QByteArray &b) { return lineToKey(a) < lineToKey(b); };
    qsizetype start = 0;
    for (qsizetype i = 0; i <= lines.size(); ++i) {
        if (i == lines.size() || lineToKey(lines.at(i)).isEmpty()) {
            std::sort(lines.begin() + start, lines.begin() + i, byKey);
            start = i + 1;
        }
    }
    return lines.join();
}

QStringList GoEnvFile::conflictWarnings(const QList<Assignment> &assignments,
                                        const QHash<QString, QString> &osEnvironment)
{
    QStringList out;
    for (const Assignment &a : assignments) {
        const QString osValue = osEnvironment.value(a.first);
        if (!osValue.isEmpty() && osValue.toUtf8() != a.second)
            out.append(
                u"warning: go env -w %1=... does not override conflicting OS environment variable"_s
                    .arg(a.first));
    }
    return out;
}

} // namespace mk
