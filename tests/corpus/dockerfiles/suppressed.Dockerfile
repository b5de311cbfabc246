# dockaudit ignore-file=DF-015 batch job: the scheduler checks exit codes
# dockaudit ignore=DF-003 base images are pinned by the release pipeline

FROM ubuntu:24.04
# dockaudit ignore=DF-005,DF-025 versions come from the distribution snapshot
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# dockaudit ignore=DF-020
RUN cd /tmp && curl -fsSLO https://example.com/x.tgz
USER 1000
ENTRYPOINT ["/bin/true"]
