// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetrcFile.h"

#include "common/AtomicFile.h"
#include "common/GoUrl.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

// strings.Fields
QStringList fields(const QString &line)
{
    QStringList out;
    QString cur;
    for (const QChar c : line) {
        if (c.isSpace()) {
            if (!cur.isEmpty())
                out.append(std::exchange(cur, QString()));
        } else {
            cur += c;
        }
    }
    if (!cur.isEmpty())
        out.append(cur);
    return out;
}

// strings.SplitAfter(content, "\n") without a trailing empty element.
QList<QByteArray> splitLines(const QByteArray &content)
{
    QList<QByteArray> lines;
    for (qsizetype start = 0; start < content.size();) {
        qsizetype end = content.indexOf('\n', start);
        end = end < 0 ? content.size() : end + 1;
        lines.append(content.mid(start, end - start));
        start = end;
    }
    return lines;
}

QString lineText(const QByteArray &line)
{
    QByteArray l = line;
    if (l.endsWith('\n'))
        l.chop(1);
    return QString::fromUtf8(l);
}

struct LineInfo
{
    QStringList fields;
    bool inMacro = false; ///< a macdef body line: no tokens
    bool machineAtStart = false;
    bool machineInside = false; ///< a "machine" pair that is not the first
    bool isDefault = false;     ///< "default" as its first token
    QString machine;            ///< the first machine name on the line
};

QList<LineInfo> scan(const QList<QByteArray> &lines)
{
    QList<LineInfo> out;
    bool inMacro = false;
    for (const QByteArray &raw : lines) {
        LineInfo info;
        const QString text = lineText(raw);
        if (inMacro) {
            info.inMacro = true;
            if (text.isEmpty())
                inMacro = false;
            out.append(info);
            continue;
        }
        info.fields = fields(text);
        for (qsizetype i = 0; i + 1 < info.fields.size(); i += 2) {
            if (info.fields.at(i) == u"machine") {
                if (i == 0)
                    info.machineAtStart = true;
                else
                    info.machineInside = true;
                if (info.machine.isEmpty())
                    info.machine = info.fields.at(i + 1);
            } else if (info.fields.at(i) == u"macdef") {
                inMacro = true;
            }
        }
        info.isDefault = !info.fields.isEmpty() && info.fields.first() == u"default";
        out.append(info);
    }
    return out;
}

Error refuse(const QString &why, const QString &machine)
{
    return Error::make(Error::Code::Refused, why, machine);
}

} // namespace

QString NetrcFile::plaintextWarning()
{
    return u"The .netrc file keeps the password or token in PLAIN TEXT: any program running as you "
           u"can read it, "
           "and it ends up in backups. ModKeeper writes it only because you asked, with mode 0600. "
           "Prefer Go >= 1.24 "
           "with GOAUTH=\"modkeeper-cli goauth\", which reads the keychain instead."_s;
}

QString NetrcFile::defaultPath(const QHash<QString, QString> &environment)
{
    if (const QString netrc = environment.value(u"NETRC"_s); !netrc.isEmpty())
        return netrc;
    const QString home = environment.value(u"HOME"_s);
    return home.isEmpty() ? QString() : home + u"/.netrc"_s;
}

QList<NetrcFile::Entry> NetrcFile::parse(const QByteArray &content)
{
    QList<Entry> out;
    Entry cur;
    bool inMacro = false;
    const QList<QByteArray> lines = content.split('\n');
    for (const QByteArray &raw : lines) {
        const QString line = QString::fromUtf8(raw);
        if (inMacro) {
            if (line.isEmpty())
                inMacro = false;
            continue;
        }
        const QStringList f = fields(line);
        qsizetype i = 0;
        for (; i < f.size() - 1; i += 2) {
            // A "machine" token resets the entry; "default" only matters when it is the
            // odd token out at the end of a line (go's loop).
            if (f.at(i) == u"machine")
                cur = Entry{f.at(i + 1), {}, {}};
            else if (f.at(i) == u"login")
                cur.login = f.at(i + 1);
            else if (f.at(i) == u"password")
                cur.password = f.at(i + 1);
            else if (f.at(i) == u"macdef")
                inMacro = true;
            if (!cur.machine.isEmpty() && !cur.login.isEmpty() && !cur.password.isEmpty()) {
                out.append(cur);
                cur = Entry();
            }
        }
        if (i < f.size() && f.at(i) == u"default")
            break;
    }
    return out;
}

Expected<QByteArray> NetrcFile::updated(const QByteArray &content, const QString &machine,
                                        const std::optional<Credential> &credential)
{
    if (machine.isEmpty() || fields(machine).size() != 1 || fields(machine).first() != machine)
        return refuse(u"not a host name"_s, machine);
    QByteArray replacement;
    if (credential) {
        if (Status st = credential->validate(); !st)
            return st.error();
        if (credential->username.isEmpty())
            return refuse(u"go ignores .netrc entries without a login; give a user name"_s,
                          machine);
        if (fields(credential->username).size() != 1 || fields(credential->secret).size() != 1
            || fields(credential->secret).first() != credential->secret) {
            return refuse(u"go's .netrc reader splits on white space, so a user name or secret "
                          u"containing white "
                          "space cannot be written there"_s,
                          machine);
        }
        replacement = (u"machine "_s + machine + u" login "_s + credential->username
                       + u" password "_s + credential->secret + u'\n')
                          .toUtf8();
    }

    const QList<QByteArray> lines = splitLines(content);
    const QList<LineInfo> info = scan(lines);

    qsizetype start = -1;
    for (qsizetype i = 0; i < info.size(); ++i) {
        if (info.at(i).isDefault)
            break; // go reads nothing after "default"
        const QStringList &f = info.at(i).fields;
        for (qsizetype k = 0; k + 1 < f.size(); k += 2) {
            if (f.at(k) == u"machine" && f.at(k + 1) == machine) {
                if (k != 0 || info.at(i).machineInside) {
                    return refuse(u"the .netrc entry for this host shares a line with another "
                                  u"entry; edit it by "
                                  "hand"_s,
                                  machine);
                }
                start = i;
                break;
            }
        }
        if (start >= 0)
            break;
    }

    QList<QByteArray> out = lines;
    if (start < 0) {
        if (!credential)
            return content;
        qsizetype at = out.size();
        for (qsizetype i = 0; i < info.size(); ++i) {
            if (info.at(i).isDefault) {
                at = i;
                break;
            }
        }
        if (at == out.size() && !out.isEmpty() && !out.last().endsWith('\n'))
            out.last().append('\n');
        out.insert(at, replacement);
        return out.join();
    }

    // The entry runs until the next line that starts another entry (or "default").
    qsizetype end = start + 1;
    while (end < info.size() && !info.at(end).machineAtStart && !info.at(end).isDefault) {
        if (info.at(end).machineInside) {
            return refuse(
                u"the .netrc entry for this host shares a line with another entry; edit it by hand"_s,
                machine);
        }
        ++end;
    }
    // Blank lines and comments-free trailing space stay outside the entry.
    while (end - 1 > start && !info.at(end - 1).inMacro && info.at(end - 1).fields.isEmpty())
        --end;
    const bool lastHadNewline = lines.at(end - 1).endsWith('\n');
    out.remove(start, end - start);
    if (credential) {
        if (!lastHadNewline)
            replacement.chop(1); // keep the file's own ending
        out.insert(start, replacement);
    }
    return out.join();
}

QStringList NetrcFile::machinesFor(const QString &hostKey)
{
    const Expected<GoUrl> u = GoUrl::parse(u"https://"_s + hostKey);
    if (!u || u->port().isEmpty())
        return {hostKey};
    return {hostKey, u->host().startsWith(u'[') ? u'[' + u->hostname() + u']' : u->hostname()};
}

Status NetrcFile::store(const QString &path, const QString &hostKey, const Credential &credential)
{
    const Expected<std::optional<QByteArray>> current = AtomicFile::read(path);
    if (!current)
        return current.error();
    QByteArray content = current->value_or(QByteArray());
    for (const QString &machine : machinesFor(hostKey)) {
        const Expected<QByteArray> next = updated(content, machine, credential);
        if (!next)
            return next.error();
        content = *next;
    }
    AtomicFile::Options options;
    options.forcedMode = 0600;
    return AtomicFile::write(path, content, options);
}

Status NetrcFile::erase(const QString &path, const QString &hostKey)
{
    const Expected<std::optional<QByteArray>> current = AtomicFile::read(path);
    if (!current)
        return current.error();
    if (!current->has_value())
        return {};
    QByteArray content = **current;
    for (const QString &machine : machinesFor(hostKey)) {
        const Expected<QByteArray> next = updated(content, machine, std::nullopt);
        if (!next)
            return next.error();
        content = *next;
    }
    if (content == **current)
        return {};
    AtomicFile::Options options;
    options.forcedMode = 0600;
    return AtomicFile::write(path, content, options);
}

} // namespace mk
