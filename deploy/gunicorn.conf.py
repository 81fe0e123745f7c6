"""gunicorn's settings for Alur's web processes: how it logs (ALUR_LOG_FORMAT, text or json).

Used by deploy/systemd/alur-web.service (``gunicorn --config deploy/gunicorn.conf.py``): the
error log, the access log and the app's own lines all go to standard error, which systemd keeps
in the journal (``journalctl -u alur-web``). Each access line carries the request's id (the
X-Request-ID header nginx sends, or one the app made) and the path without its query string;
no client address (nginx's own log keeps it) and no user agent. The bind address, the number of
workers and the timeouts stay on the unit's command line.
"""

import os

from engine.logs import gunicorn_logging
from engine.settings import read_settings

_values, _problems = read_settings({k: v for k, v in os.environ.items()
                                    if k == "ALUR_LOG_FORMAT"})
# A wrong value keeps text lines; the app then refuses to start and names the setting.
logconfig_dict = gunicorn_logging(_values.get("log_format", "text"))
