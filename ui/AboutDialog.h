// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

namespace mk {

/// Help ▸ About: the version and licence, the libraries ModKeeper runs on (what a bug report
/// needs) and where it keeps its settings and its trash.
class AboutDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AboutDialog)

public:
    /// gomodcache: the cache shown now (its trash is named); empty when there is none.
    explicit AboutDialog(const QString &gomodcache, QWidget *parent = nullptr);
    ~AboutDialog() override;

    /// Everything the dialog says, as plain text (for tests and for copying into a report).
    [[nodiscard]] QString text() const;
};

} // namespace mk
