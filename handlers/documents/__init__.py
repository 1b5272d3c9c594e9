"""Documents the bot drafts and exports: DOCX drafts, the workbook, the dossier ZIP."""
