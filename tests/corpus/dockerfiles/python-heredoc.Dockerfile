# syntax=docker/dockerfile:1
FROM python:3.12-slim-bookworm

RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends build-essential libpq-dev
rm -rf /var/lib/apt/lists/*
EOF

COPY <<-"CONF" /etc/app/app.ini
	[server]
	port = $PORT
	CONF

# Two heredocs on one line, one quoted.
RUN <<A cat > /usr/local/bin/start && <<'B' cat > /usr/local/bin/check && chmod 0755 /usr/local/bin/start /usr/local/bin/check
#!/bin/sh
exec gunicorn app:app
A
#!/bin/sh
wget -qO- http://127.0.0.1:8000/health || exit 1
B

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt gunicorn
RUN pip install --no-cache-dir psycopg==3.1.18 'flask>=3'
COPY . .
RUN useradd -r -u 1001 app
USER app
CMD ["/usr/local/bin/start"]
