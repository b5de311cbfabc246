FROM alpine:3.19
RUN adduser -D -u 10001 app
USER 10001
