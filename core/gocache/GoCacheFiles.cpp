// SPDX-License-Identifier: GPL-3.0-or-later
#include "GoCacheFiles.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <string>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/SafeFs.h"

using namespace Qt::StringLiterals;

namespace mk {

namespace {

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// strconv.ParseInt(s, 10, 64): optional sign, at least one digit, nothing else, no overflow.
std::optional<qint64> parseGoInt(const std::string &s)
{
    size_t i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        ++i;
    }
    if (i == s.size())
        return std::nullopt;
    unsigned long long v = 0;
    const unsigned long long limit = negative ? 9223372036854775808ULL : 9223372036854775807ULL;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return std::nullopt;
        const unsigned d = unsigned(s[i] - '0');
        if (v > (limit - d) / 10)
            return std::nullopt;
        v = v * 10 + d;
    }
    if (negative)
        return v == 9223372036854775808ULL ? LLONG_MIN : -qint64(v);
    return qint64(v);
}

// strings.TrimSpace for the ASCII whitespace go writes or a person might add.
std::string trimSpace(const std::string &s)
{
    const char *ws = " \t\n\v\f\r";
    const size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

bool readAll(int fd, std::string &out)
{
    char buf[256];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        out.append(buf, size_t(n));
        if (out.size() > 4096)
            return true; // go's files hold one number
    }
}

bool writeAll(int fd, const std::string &s)
{
    size_t off = 0;
    while (off < s.size()) {
        const ssize_t n = ::write(fd, s.data() + off, s.size() - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        off += size_t(n);
    }
    return true;
}

int lockFd(int fd, int op)
{
    int r;
    do
        r = ::flock(fd, op);
    while (r < 0 && errno == EINTR);
    return r;
}

// lockedfile.Read: a shared lock while reading.
std::optional<std::string> readLocked(int cacheFd, const char *name)
{
    UniqueFd fd = SafeFs::openAt(cacheFd, name, O_RDONLY);
    if (!fd.isValid())
        return std::nullopt;
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    (void)lockFd(fd.get(), LOCK_SH);
    std::string data;
    if (!readAll(fd.get(), data))
        return std::nullopt;
    return data;
}

} // namespace

bool GoCacheFiles::isSubdirName(const char *name)
{
    return isHex(name[0]) && isHex(name[1]) && name[2] == '\0';
}

bool GoCacheFiles::isEntryName(const char *name, size_t len)
{
    return len >= 2 && name[len - 2] == '-' && (name[len - 1] == 'a' || name[len - 1] == 'd');
}

bool GoCacheFiles::isActionName(const char *name, size_t len)
{
    return len >= 2 && name[len - 2] == '-' && name[len - 1] == 'a';
}

std::optional<qint64> GoCacheFiles::readTrimTime(int cacheFd)
{
    const std::optional<std::string> data = readLocked(cacheFd, TrimFile);
    if (!data)
        return std::nullopt;
    return parseGoInt(trimSpace(*data));
}

std::optional<qint64> GoCacheFiles::readTestExpire(int cacheFd)
{
    const std::optional<std::string> data = readLocked(cacheFd, TestExpireFile);
    if (!data || data->empty() || data->back() != '\n')
        return std::nullopt;
    return parseGoInt(data->substr(0, data->size() - 1));
}

Status GoCacheFiles::writeTrimTime(int cacheFd, qint64 unixSeconds)
{
    // lockedfile.OpenFile with O_TRUNC opens without it, locks, then truncates.
    UniqueFd fd = SafeFs::openAt(cacheFd, TrimFile, O_WRONLY | O_CREAT, 0666);
    if (!fd.isValid())
        return Error::fromErrno(errno, QString::fromLatin1(TrimFile), u"cannot write"_s);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return Error::make(Error::Code::Refused, u"not a regular file"_s,
                           QString::fromLatin1(TrimFile));
    if (lockFd(fd.get(), LOCK_EX) != 0 || ::ftruncate(fd.get(), 0) != 0
        || !writeAll(fd.get(), std::to_string(unixSeconds)))
        return Error::fromErrno(errno, QString::fromLatin1(TrimFile), u"cannot write"_s);
    return {};
}

Expected<qint64> GoCacheFiles::expireTests(int cacheFd, qint64 nowNs)
{
    UniqueFd fd = SafeFs::openAt(cacheFd, TestExpireFile, O_RDWR | O_CREAT, 0666);
    if (!fd.isValid())
        return Error::fromErrno(errno, QString::fromLatin1(TestExpireFile), u"cannot write"_s);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return Error::make(Error::Code::Refused, u"not a regular file"_s,
                           QString::fromLatin1(TestExpireFile));
    if (lockFd(fd.get(), LOCK_EX) != 0)
        return Error::fromErrno(errno, QString::fromLatin1(TestExpireFile), u"cannot lock"_s);
    std::string data;
    if (!readAll(fd.get(), data))
        return Error::fromErrno(errno, QString::fromLatin1(TestExpireFile), u"cannot read"_s);
    // go: prev, _ := strconv.ParseInt(strings.TrimSpace(...)); an unparsable file counts as 0.
    const qint64 prev = parseGoInt(trimSpace(data)).value_or(0);
    if (nowNs <= prev)
        return prev;
    if (::ftruncate(fd.get(), 0) != 0 || ::lseek(fd.get(), 0, SEEK_SET) != 0
        || !writeAll(fd.get(), std::to_string(nowNs) + '\n'))
        return Error::fromErrno(errno, QString::fromLatin1(TestExpireFile), u"cannot write"_s);
    return nowNs;
}

qint64 GoCacheFiles::nowNs()
{
    struct timespec ts;
    ::clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

} // namespace mk
