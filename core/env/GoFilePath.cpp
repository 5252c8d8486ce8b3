// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoFilePath.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool isWindows(Platform p)
{
    return p == Platform::Windows;
}

// filepath.volumeNameLen (Windows): a drive letter, or a \\host\share UNC prefix.
qsizetype volumeNameLen(QStringView path, Platform platform)
{
    if (!isWindows(platform) || path.size() < 2)
        return 0;
    if (path.at(1) == u':')
        return 2;
    const auto slash = [&](qsizetype i) { return GoFilePath::isSeparator(path.at(i), platform); };
    const qsizetype l = path.size();
    if (l >= 5 && slash(0) && slash(1) && !slash(2) && path.at(2) != u'.') {
        for (qsizetype n = 3; n < l - 1; ++n) {
            if (slash(n)) {
                ++n;
                if (!slash(n)) {
                    if (path.at(n) == u'.')
                        break;
                    for (; n < l; ++n) {
                        if (slash(n))
                            break;
                    }
                    return n;
                }
                break;
            }
        }
    }
    return 0;
}

QString fromSlash(QString s, Platform platform)
{
    if (isWindows(platform))
        s.replace(u'/', u'\\');
    return s;
}

} // namespace

QChar GoFilePath::separator(Platform platform)
{
    return isWindows(platform) ? u'\\' : u'/';
}

QChar GoFilePath::listSeparator(Platform platform)
{
    return isWindows(platform) ? u';' : u':';
}

bool GoFilePath::isSeparator(QChar c, Platform platform)
{
    return c == u'/' || (isWindows(platform) && c == u'\\');
}

QString GoFilePath::volumeName(QStringView path, Platform platform)
{
    return path.left(volumeNameLen(path, platform)).toString();
}

QString GoFilePath::clean(QStringView path, Platform platform)
{
    const qsizetype volLen = volumeNameLen(path, platform);
    const QStringView vol = path.left(volLen);
    const QStringView rest = path.mid(volLen);
    if (rest.isEmpty()) {
        if (volLen > 1 && isSeparator(path.at(0), platform) && isSeparator(path.at(1), platform))
            return fromSlash(path.toString(), platform); // UNC volume alone
        return path.toString() + u'.';
    }
    const bool rooted = isSeparator(rest.at(0), platform);
    // Lexical processing, element by element, as filepath.Clean does with its lazybuf.
    QStringList out;
    qsizetype dotdot = 0; // leading ".." elements that cannot be removed
    qsizetype start = 0;
    for (qsizetype i = 0; i <= rest.size(); ++i) {
        if (i < rest.size() && !isSeparator(rest.at(i), platform))
            continue;
        const QStringView elem = rest.mid(start, i - start);
        const qsizetype elemStart = start;
        start = i + 1;
        if (elem.isEmpty() || elem == u".")
            continue;
        if (elem == u"..") {
            if (out.size() > dotdot)
                out.removeLast();
            else if (!rooted) {
                out.append(u".."_s);
                dotdot = out.size();
            }
            continue;
        }
        // Windows: "a/../c:" must not become the drive "c:"; go keeps it as ".\c:".
        if (isWindows(platform) && out.isEmpty() && !rooted && volLen == 0 && elemStart != 0
            && elem.contains(u':'))
            out.append(u"."_s);
        out.append(elem.toString());
    }
    const QString sep = separator(platform);
    QString result = out.join(sep);
    if (rooted)
        result.prepend(sep);
    if (result.isEmpty())
        result = u"."_s;
    return fromSlash(vol.toString(), platform) + result;
}

QString GoFilePath::join(const QStringList &elems, Platform platform)
{
    qsizetype first = 0;
    while (first < elems.size() && elems.at(first).isEmpty())
        ++first;
    if (first == elems.size())
        return {};
    QStringList nonEmpty;
    for (qsizetype i = first; i < elems.size(); ++i) {
        if (!elems.at(i).isEmpty())
            nonEmpty.append(elems.at(i));
    }
    const QString sep = separator(platform);
    // Windows: a bare drive letter stays relative to that drive's current directory.
    if (isWindows(platform) && nonEmpty.first().size() == 2 && nonEmpty.first().at(1) == u':')
        return clean(QString(nonEmpty.first() + nonEmpty.mid(1).join(sep)), platform);
    const QString joined = clean(nonEmpty.join(sep), platform);
    // Windows: joining must not create a UNC path unless the first element is one.
    const auto isUnc = [platform](const QString &p) { return volumeNameLen(p, platform) > 2; };
    if (!isWindows(platform) || !isUnc(joined))
        return joined;
    const QString head = clean(nonEmpty.first(), platform);
    if (isUnc(head))
        return joined;
    const QString tail = clean(nonEmpty.mid(1).join(sep), platform);
    return head.endsWith(sep) ? QString(head + tail) : QString(head + sep + tail);
}

bool GoFilePath::isAbs(QStringView path, Platform platform)
{
    if (!isWindows(platform))
        return path.startsWith(u'/');
    const qsizetype l = volumeNameLen(path, platform);
    if (l == 0)
        return false;
    if (isSeparator(path.at(0), platform) && isSeparator(path.at(1), platform))
        return true; // UNC
    const QStringView rest = path.mid(l);
    return !rest.isEmpty() && isSeparator(rest.at(0), platform);
}

QStringList GoFilePath::splitList(QStringView list, Platform platform)
{
    if (list.isEmpty())
        return {};
    if (!isWindows(platform))
        return list.toString().split(listSeparator(platform));
    // Windows: quotes protect separators and are then removed.
    QStringList out;
    qsizetype start = 0;
    bool quoted = false;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list.at(i) == u'"')
            quoted = !quoted;
        else if (list.at(i) == u';' && !quoted) {
            out.append(list.mid(start, i - start).toString());
            start = i + 1;
        }
    }
    out.append(list.mid(start).toString());
    for (QString &s : out)
        s.remove(u'"');
    return out;
}

QString GoFilePath::dir(QStringView path, Platform platform)
{
    const qsizetype volLen = volumeNameLen(path, platform);
    qsizetype i = path.size() - 1;
    while (i >= volLen && !isSeparator(path.at(i), platform))
        --i;
    const QString d = clean(path.mid(volLen, i + 1 - volLen), platform);
    const QString vol = path.left(volLen).toString();
    if (d == u"." && volLen > 2)
        return vol; // UNC
    return vol + d;
}

QString GoFilePath::base(QStringView path, Platform platform)
{
    if (path.isEmpty())
        return u"."_s;
    while (!path.isEmpty() && isSeparator(path.back(), platform))
        path.chop(1);
    path = path.mid(volumeNameLen(path, platform));
    qsizetype i = path.size() - 1;
    while (i >= 0 && !isSeparator(path.at(i), platform))
        --i;
    if (i >= 0)
        path = path.mid(i + 1);
    if (path.isEmpty())
        return separator(platform);
    return path.toString();
}

} // namespace mk
