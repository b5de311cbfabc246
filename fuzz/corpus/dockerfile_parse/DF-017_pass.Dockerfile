FROM alpine:3.19
RUN mkdir /data && chown -R 1000:1000 /data && chmod 750 /data
