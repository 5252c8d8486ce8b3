// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace mk {

class GoEnvironment;
enum class EnvOrigin;

/// The strip above the tree: which GOMODCACHE is shown and which GOPROXY go would use, each
/// with where its value came from (environment, go env file, default...), and the Go version.
class EnvHeader final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvHeader)

public:
    explicit EnvHeader(QWidget *parent = nullptr);
    ~EnvHeader() override;

    /// Shows the resolved GOMODCACHE and GOPROXY and the go command found.
    void setEnvironment(const GoEnvironment &env);
    /// The folder actually shown when it is not the resolved GOMODCACHE (chosen by the user
    /// or given on the command line); origin says how it was chosen.
    void setCacheRoot(const QString &path, const QString &origin);
    /// Where a value came from, in the UI language ("environment", "go env file"...).
    [[nodiscard]] static QString originName(EnvOrigin origin);

private:
    QLabel *m_cacheValue;
    QLabel *m_cacheOrigin;
    QLabel *m_proxyValue;
    QLabel *m_proxyOrigin;
    QLabel *m_goVersion;
};

} // namespace mk
