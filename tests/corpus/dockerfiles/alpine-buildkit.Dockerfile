# syntax=docker/dockerfile:1.7-labs
FROM alpine:3.19.1@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b

RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --network=default \
    apk add --no-cache nodejs=20.12.1-r0 npm=10.2.5-r0 \
 && npm install -g pnpm@8.15.4

RUN --security=insecure --network=none \
    echo "sandbox off for this step"

ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \
    https://example.com/tool-1.2.3.tar.gz /opt/
ADD --keep-git-dir=false https://example.com/repo.git#v1.2.3 /src
COPY --chmod=755 --chown=10001:10001 --link entrypoint.sh /usr/local/bin/
COPY --parents src/**/*.go /build/
RUN addgroup -S -g 10001 app && adduser -S -D -u 10001 -G app app \
 && set -o pipefail && wget -qO- https://example.com/list.txt | sort > /tmp/list
USER app:app
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
