FROM alpine:3.19
RUN mkdir /data && chmod -R 777 /data
