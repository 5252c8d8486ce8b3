// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include "gocache/GoCacheStats.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace mk {

/// Trim the build cache: by age (go's Trim with a chosen number of days) or to a size (least
/// recently used first), with what it would free, computed from the last measure as the user
/// types. The size can be remembered as a cap kept after every measure.
class GoCacheTrimDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GoCacheTrimDialog)

public:
    GoCacheTrimDialog(const GoCacheStats &stats, quint64 sizeCap, QWidget *parent = nullptr);
    ~GoCacheTrimDialog() override;

    [[nodiscard]] bool bySize() const;
    [[nodiscard]] int days() const;
    [[nodiscard]] quint64 maxBytes() const;
    /// "Keep it under this size" is checked: save maxBytes() as the cap.
    [[nodiscard]] bool keepCap() const;
    /// What the chosen trim would remove.
    [[nodiscard]] GoCacheStats::Estimate estimate() const;

private:
    void updateEstimate();

    GoCacheStats m_stats;
    QRadioButton *m_byAge;
    QRadioButton *m_bySize;
    QSpinBox *m_days;
    QDoubleSpinBox *m_gigabytes;
    QCheckBox *m_keep;
    QLabel *m_estimate;
};

} // namespace mk
