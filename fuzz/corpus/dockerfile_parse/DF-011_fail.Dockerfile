FROM alpine:3.19
ADD https://example.com/tool.tar.gz /opt/
