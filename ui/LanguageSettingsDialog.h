// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace mk {

/// Settings ▸ Language: follow the system or pick a bundled language. The window's texts are
/// set when it is built, so a new choice applies from the next start; the dialog says so.
class LanguageSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageSettingsDialog)

public:
    explicit LanguageSettingsDialog(QWidget *parent = nullptr);
    ~LanguageSettingsDialog() override;

    /// The choice in the combo box: "system" or a bundled language.
    [[nodiscard]] QString selectedChoice() const;
    void setSelectedChoice(const QString &choice);

    /// Saves the choice; when it changes the language, says that it applies after a restart.
    void accept() override;

private:
    QComboBox *m_combo = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace mk
