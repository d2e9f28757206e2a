"""The review page (granskning): reviewers check the tagging, answer by answer, and
improve the codebook. See app.py for why it is a standalone web app."""
