FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir flask==3.0.2 -r requirements.txt
