"""The analysts' side: drafts, problems found in a diagram bundle (lint, references, scripts), the
diff between versions, and migrating running instances. Uses complaints and below; never
channels, evaluation or monitor.
"""
