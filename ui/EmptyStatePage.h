// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace mk {

/// Shown instead of the tree when there is no cache to show: says where ModKeeper looked and
/// why nothing is there, and offers to choose another folder or to try again.
class EmptyStatePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStatePage)

public:
    explicit EmptyStatePage(QWidget *parent = nullptr);
    ~EmptyStatePage() override;

    /// title: one line; details: plain text, may hold several paragraphs.
    void setMessage(const QString &title, const QString &details);
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString details() const;

Q_SIGNALS:
    void chooseFolderRequested();
    void retryRequested();

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_details;
    QPushButton *m_chooseButton;
    QPushButton *m_retryButton;
};

} // namespace mk
