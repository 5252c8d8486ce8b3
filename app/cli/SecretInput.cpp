// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretInput.h"

#include <cerrno>
#include <cstdio>

#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace mk::cli {

namespace {

// Reads until EOF (or the first newline when stopAtNewline), at most limit + 1 bytes.
QByteArray readFd0(qsizetype limit, bool stopAtNewline)
{
    QByteArray data;
    char c = 0;
    char buf[4096];
    for (;;) {
        const ssize_t n
            = stopAtNewline ? ::read(STDIN_FILENO, &c, 1) : ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (stopAtNewline) {
            if (c == '\n')
                break;
            data.append(c);
        } else {
            data.append(buf, n);
        }
        if (data.size() > limit)
            break;
    }
    return data;
}

} // namespace

Expected<QString> SecretInput::read(const QString &prompt)
{
    QByteArray data;
    if (::isatty(STDIN_FILENO)) {
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
        termios saved{};
        const bool haveTerm = ::tcgetattr(STDIN_FILENO, &saved) == 0;
        if (haveTerm) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        data = readFd0(MaxBytes, true);
        if (haveTerm)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    } else {
        data = readFd0(MaxBytes, false);
        if (data.endsWith('\n'))
            data.chop(1);
        if (data.endsWith('\r'))
            data.chop(1);
    }
    const auto fail = [&](const QString &why) {
        data.fill('\0');
        return Error::make(Error::Code::InvalidArgument, why, u"stdin"_s);
    };
    if (data.size() > MaxBytes)
        return fail(u"the secret is longer than %1 bytes"_s.arg(MaxBytes));
    if (data.isEmpty())
        return fail(u"no password or token on standard input"_s);
    if (data.contains('\n') || data.contains('\r'))
        return fail(u"the password or token must be a single line"_s);
    const QString secret = QString::fromUtf8(data);
    data.fill('\0');
    return secret;
}

void SecretInput::drainStdin()
{
    if (::isatty(STDIN_FILENO))
        return;
    readFd0(1024 * 1024, false);
}

} // namespace mk::cli
